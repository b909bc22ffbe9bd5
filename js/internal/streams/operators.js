// Readable's operators (Node 20: map, filter, forEach, toArray, some, every, find, reduce,
// flatMap, drop, take, asIndexedPairs). The ones returning streams wrap an async generator with
// Readable.from; the others return promises.

import { AbortError, codes, decorate } from 'internal/errors';
import { validateAbortSignal, validateFunction, validateInteger, validateObject } from 'internal/validators';
import { Readable } from 'internal/streams/readable';
import { finished } from 'internal/streams/end_of_stream';


const kSkip = Symbol('kSkip');
const kEnd = Symbol('kEnd');

function checkOperatorOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

function abortedError(signal) {
  return new AbortError(undefined, { cause: signal?.reason });
}

// Applies `fn` to every chunk of `source`, with up to `concurrency` calls in flight and at most
// `highWaterMark` finished results waiting; results come out in the source's order.
function mapChunks(source, fn, options) {
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
  checkOperatorOptions(options);
  let concurrency = 1;
  if (options?.concurrency != null) concurrency = Math.floor(options.concurrency);
  let highWaterMark = concurrency - 1;
  if (options?.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  return mapGenerator(source, fn, concurrency, highWaterMark + concurrency, options?.signal);
}

async function* mapGenerator(source, fn, concurrency, highWaterMark, outer) {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', onOuterAbort);
  const callOptions = { signal: controller.signal };

  const results = [];           // promises of results, in source order (kEnd last)
  let running = 0;              // calls of fn not settled yet
  let stopped = false;
  let wakeConsumer = null;      // resolves when `results` grows
  let wakeProducer = null;      // resolves when there is room again
  const wake = (which) => { if (which) which(); };
  const roomLeft = () => running < concurrency && results.length < highWaterMark;
  const settled = () => {
    running--;
    if (wakeProducer && !stopped && roomLeft()) { const w = wakeProducer; wakeProducer = null; w(); }
  };
  const failed = () => { stopped = true; settled(); };

  (async () => {
    try {
      for await (const chunk of source) {
        if (stopped) return;
        if (controller.signal.aborted) throw abortedError(outer);
        let result;
        try {
          result = fn(chunk, callOptions);
          if (result === kSkip) continue;
          result = Promise.resolve(result);
        } catch (err) {
          result = Promise.reject(err);
        }
        running++;
        result.then(settled, failed);
        results.push(result);
        if (wakeConsumer) { const w = wakeConsumer; wakeConsumer = null; w(); }
        if (!stopped && !roomLeft()) await new Promise((resolve) => { wakeProducer = resolve; });
      }
      results.push(kEnd);
    } catch (err) {
      const result = Promise.reject(err);
      running++;
      result.then(settled, failed);
      results.push(result);
    } finally {
      stopped = true;
      if (wakeConsumer) { const w = wakeConsumer; wakeConsumer = null; w(); }
      outer?.removeEventListener('abort', onOuterAbort);
    }
  })();

  try {
    for (;;) {
      while (results.length > 0) {
        const value = await results[0];
        if (value === kEnd) return;
        if (controller.signal.aborted) throw abortedError(outer);
        if (value !== kSkip) yield value;
        results.shift();
        if (wakeProducer && roomLeft()) { const w = wakeProducer; wakeProducer = null; w(); }
      }
      await new Promise((resolve) => { wakeConsumer = resolve; });
    }
  } finally {
    stopped = true;
    wake(wakeProducer);
    wakeProducer = null;
  }
}

function filterChunks(source, fn, options) {
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
  const keep = async (chunk, callOptions) => ((await fn(chunk, callOptions)) ? chunk : kSkip);
  return mapChunks(source, keep, options);
}

function toIntegerOrInfinity(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw new codes.ERR_OUT_OF_RANGE('number', '>= 0', number);
  return number;
}

let asIndexedPairsWarned = false;

const streamOperators = {
  map(fn, options) { return mapChunks(this, fn, options); },
  filter(fn, options) { return filterChunks(this, fn, options); },
  flatMap(fn, options) {
    const mapped = mapChunks(this, fn, options);
    return (async function* flatMap() {
      for await (const inner of mapped) yield* inner;
    })();
  },
  drop(number, options = undefined) {
    checkOperatorOptions(options);
    number = toIntegerOrInfinity(number);
    const source = this;
    return (async function* drop() {
      if (options?.signal?.aborted) throw abortedError(options.signal);
      for await (const chunk of source) {
        if (options?.signal?.aborted) throw abortedError(options.signal);
        if (number-- <= 0) yield chunk;
      }
    })();
  },
  take(number, options = undefined) {
    checkOperatorOptions(options);
    number = toIntegerOrInfinity(number);
    const source = this;
    return (async function* take() {
      if (options?.signal?.aborted) throw abortedError(options.signal);
      if (number <= 0) return;
      for await (const chunk of source) {
        if (options?.signal?.aborted) throw abortedError(options.signal);
        if (number-- > 0) yield chunk;
        if (number <= 0) return;
      }
    })();
  },
  asIndexedPairs(options = undefined) {
    if (!asIndexedPairsWarned) {
      asIndexedPairsWarned = true;
      process.emitWarning('readable.asIndexedPairs will be removed in a future version.', 'DeprecationWarning', 'DEP0168');
    }
    checkOperatorOptions(options);
    const source = this;
    return (async function* asIndexedPairs() {
      let index = 0;
      for await (const chunk of source) {
        if (options?.signal?.aborted) throw abortedError(options.signal);
        yield [index++, chunk];
      }
    })();
  },
};

const promiseOperators = {
  async forEach(fn, options) {
    if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
    const each = async (chunk, callOptions) => { await fn(chunk, callOptions); return kSkip; };
    // eslint-disable-next-line no-unused-vars
    for await (const _ of mapChunks(this, each, options));
  },
  async toArray(options) {
    checkOperatorOptions(options);
    const result = [];
    for await (const chunk of this) {
      if (options?.signal?.aborted) throw abortedError(options.signal);
      result.push(chunk);
    }
    return result;
  },
  async some(fn, options = undefined) {
    // eslint-disable-next-line no-unused-vars
    for await (const _ of filterChunks(this, fn, options)) return true;
    return false;
  },
  async every(fn, options = undefined) {
    if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
    return !(await promiseOperators.some.call(this, async (...args) => !(await fn(...args)), options));
  },
  async find(fn, options) {
    for await (const chunk of filterChunks(this, fn, options)) return chunk;
    return undefined;
  },
  async reduce(reducer, initialValue, options) {
    validateFunction(reducer, 'reducer');
    checkOperatorOptions(options);
    let hasValue = arguments.length > 1;
    if (options?.signal?.aborted) {
      const err = abortedError(options.signal);
      this.once('error', () => {});
      await finishedPromise(this.destroy(err));
      throw err;
    }
    const controller = new AbortController();
    const signal = controller.signal;
    const onAbort = () => controller.abort();
    options?.signal?.addEventListener('abort', onAbort, { once: true });
    let sawChunk = false;
    try {
      for await (const chunk of this) {
        sawChunk = true;
        if (options?.signal?.aborted) throw abortedError(options.signal);
        if (!hasValue) {
          initialValue = chunk;
          hasValue = true;
        } else {
          initialValue = await reducer(initialValue, chunk, { signal });
        }
      }
      if (!sawChunk && !hasValue) {
        // Node reports this with ERR_MISSING_ARGS (the initial value is the missing argument).
        throw decorate(new TypeError('Reduce of an empty stream requires an initial value'), 'ERR_MISSING_ARGS');
      }
    } finally {
      controller.abort();
      options?.signal?.removeEventListener('abort', onAbort);
    }
    return initialValue;
  },
};

function finishedPromise(stream) {
  return new Promise((resolve) => finished(stream, () => resolve()));
}

// Methods (not constructors) with the operator's name and length, not enumerable, as in Node.
function defineOperators(operators, wrap) {
  for (const [name, op] of Object.entries(operators)) {
    const method = { [name](...args) { return wrap(op.apply(this, args)); } }[name];
    Object.defineProperty(method, 'length', { value: op.length });
    Object.defineProperty(Readable.prototype, name, { value: method, writable: true, enumerable: false, configurable: true });
  }
}
defineOperators(streamOperators, (iterator) => Readable.from(iterator));
defineOperators(promiseOperators, (promise) => promise);

