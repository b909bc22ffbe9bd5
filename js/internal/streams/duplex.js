// Duplex: a Readable and a Writable side on one object (`_readableState` and
// `_writableState`), plus Duplex.from (anything stream-like to a Duplex) and duplexPair.

import { AbortError, codes } from 'internal/errors';
import { Stream } from 'internal/streams/legacy';
import { Readable, ReadableState, readableConstructed, readableFrom } from 'internal/streams/readable';
import {
  Writable, WritableState, takeWritableOptions, writableConstructed, writableGetters,
} from 'internal/streams/writable';
import { construct, destroyer } from 'internal/streams/destroy';
import { finished } from 'internal/streams/end_of_stream';
import {
  isDuplexNodeStream, isIterable, isNodeStream, isReadableNodeStream, isReadableStream, isWritableNodeStream,
  isWritableStream, seedEvents, tick,
} from 'internal/streams/utils';

const { ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE } = codes;

export function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  seedEvents(this, ['close', 'error', 'prefinish', 'finish', 'drain', 'data', 'end', 'readable']);
  this._readableState = new ReadableState(options, this, true);
  this._writableState = new WritableState(options, this, true);
  Stream.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
    if (typeof options.read === 'function') this._read = options.read;
    takeWritableOptions(this, options);
  } else {
    this.allowHalfOpen = true;
  }
  construct(this, () => {
    readableConstructed(this);
    writableConstructed(this);
  });
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

// The writable side's methods (Readable's destroy stays: it covers both sides).
for (const name of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[name]) Duplex.prototype[name] = Writable.prototype[name];
}
// destroy() also fails buffered writes, as Writable's does.
Duplex.prototype.destroy = Writable.prototype.destroy;
for (const [name, desc] of Object.entries(writableGetters)) {
  if (name === 'closed' || name === 'errored') continue;
  Object.defineProperty(Duplex.prototype, name, { enumerable: false, configurable: true, ...desc });
}
Object.defineProperty(Duplex.prototype, 'destroyed', {
  get() {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set(value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
  enumerable: false,
  configurable: true,
});

// ---------------------------------------------------------------------------------------------
// Duplex.from

Duplex.from = function from(body) {
  return toDuplex(body, 'body');
};

function toDuplex(body, name) {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return combine({ readable: body });
  if (isWritableNodeStream(body)) return combine({ writable: body });
  if (isNodeStream(body)) return combine({ writable: false, readable: false });
  if (isReadableStream(body)) return combine({ readable: Readable.fromWeb(body) });
  if (isWritableStream(body)) return combine({ writable: Writable.fromWeb(body) });

  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGenerator(body);
    if (isIterable(value)) {
      return readableFrom(Duplex, value, { objectMode: true, write, final, destroy });
    }
    const then = value?.then;
    if (typeof then === 'function') {
      let d;
      const promise = then.call(value, (result) => {
        if (result != null) throw new ERR_INVALID_RETURN_VALUE('nully', 'body', result);
      }, (err) => destroyer(d, err));
      d = new Duplex({
        objectMode: true,
        readable: false,
        write,
        final(cb) {
          final(async () => {
            try {
              await promise;
              tick(cb, null);
            } catch (err) {
              tick(cb, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', name, value);
  }

  if (typeof Blob !== 'undefined' && body instanceof Blob) return toDuplex(body.arrayBuffer(), name);
  if (isIterable(body)) return readableFrom(Duplex, body, { objectMode: true, writable: false });

  if (isReadableStream(body?.readable) && isWritableStream(body?.writable)) {
    return Duplex.fromWeb(body);
  }
  if (typeof body?.writable === 'object' || typeof body?.readable === 'object') {
    const readable = body?.readable
      ? (isReadableNodeStream(body.readable) ? body.readable : toDuplex(body.readable))
      : undefined;
    const writable = body?.writable
      ? (isWritableNodeStream(body.writable) ? body.writable : toDuplex(body.writable))
      : undefined;
    return combine({ readable, writable });
  }

  const then = body?.then;
  if (typeof then === 'function') {
    let d;
    then.call(body, (val) => {
      if (val != null) d.push(val);
      d.push(null);
    }, (err) => destroyer(d, err));
    d = new Duplex({ objectMode: true, writable: false, read() {} });
    return d;
  }

  throw new ERR_INVALID_ARG_TYPE(name, [
    'Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable', 'AsyncIterable', 'Function',
    '{ readable, writable } pair', 'Promise',
  ], body);
}

/** An async generator function `(source, { signal }) => ...` fed by the Duplex's writes. */
function fromAsyncGenerator(fn) {
  let next = deferred();
  const controller = new AbortController();
  const signal = controller.signal;
  async function* source() {
    for (;;) {
      const current = next.promise;
      const { chunk, done, cb } = await current;
      tick(cb);
      if (done) return;
      if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
      next = deferred();
      yield chunk;
    }
  }
  const value = fn(source(), { signal });
  return {
    value,
    write(chunk, encoding, cb) { next.resolve({ chunk, done: false, cb }); },
    final(cb) { next.resolve({ done: true, cb }); },
    destroy(err, cb) {
      controller.abort();
      cb(err);
    },
  };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

/**
 * Makes the wrapper Duplex `d` write into the Node writable `target`: a write the target cannot
 * take at once completes on its 'drain' (`owed.drain`), and `d.end()` ends the target and leaves
 * `owed.finish` for the caller to settle once the target's side is done.
 */
export function forwardWrites(d, target, owed) {
  d._write = function (chunk, encoding, callback) {
    if (target.write(chunk, encoding)) callback();
    else owed.drain = callback;
  };
  d._final = function (callback) {
    target.end();
    owed.finish = callback;
  };
  target.on('drain', () => settle(owed, 'drain'));
}

/** Runs and clears the callback `owed[name]`, if there is one. */
export function settle(owed, name) {
  const callback = owed[name];
  owed[name] = null;
  if (callback) callback();
}

/** One Duplex writing into `writable` and reading from `readable` (either may be missing). */
function combine({ readable, writable }) {
  let reading = !!readable;
  let writing = !!writable;
  let onReadable = null;
  const owed = { drain: null, finish: null };
  let onClose;

  const d = new Duplex({
    readableObjectMode: !!readable?.readableObjectMode,
    writableObjectMode: !!writable?.writableObjectMode,
    readable: reading,
    writable: writing,
  });

  const sideDone = (err) => {
    const cb = onClose;
    onClose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
    // Both sides done cleanly: the Duplex ends (and auto-destroys) in its own time.
  };

  if (writing) {
    finished(writable, (err) => {
      writing = false;
      if (err) destroyer(readable, err);
      sideDone(err);
    });
    forwardWrites(d, writable, owed);
    writable.on('finish', () => settle(owed, 'finish'));
  }

  if (reading) {
    finished(readable, (err) => {
      reading = false;
      if (err) destroyer(readable, err);
      sideDone(err);
    });
    readable.on('readable', () => {
      if (onReadable) {
        const cb = onReadable;
        onReadable = null;
        cb();
      }
    });
    readable.on('end', () => d.push(null));
    d._read = function () {
      for (;;) {
        const chunk = readable.read();
        if (chunk === null) {
          onReadable = d._read;
          return;
        }
        if (!d.push(chunk)) return;
      }
    };
  }

  d._destroy = function (err, callback) {
    if (!err && onClose !== null) err = new AbortError();
    onReadable = null;
    owed.drain = owed.finish = null;
    if (onClose === null) {
      callback(err);
    } else {
      onClose = callback;
      destroyer(writable, err);
      destroyer(readable, err);
    }
  };
  return d;
}

// ---------------------------------------------------------------------------------------------
// duplexPair: two Duplexes, what is written to one is read from the other.

const kOther = Symbol('kOther');
const kWhenReadable = Symbol('kWhenReadable');

function PairSide(options) {
  Duplex.call(this, options);
  this[kOther] = null;
  this[kWhenReadable] = null;
}
Object.setPrototypeOf(PairSide.prototype, Duplex.prototype);
Object.setPrototypeOf(PairSide, Duplex);

PairSide.prototype._read = function _read() {
  const cb = this[kWhenReadable];
  if (cb) {
    this[kWhenReadable] = null;
    cb();
  }
};
PairSide.prototype._write = function _write(chunk, encoding, callback) {
  const other = this[kOther];
  if (chunk.length === 0) tick(callback);
  else if (other.push(chunk)) callback();
  else other[kWhenReadable] = callback;
};
PairSide.prototype._final = function _final(callback) {
  this[kOther].on('end', callback);
  this[kOther].push(null);
};
PairSide.prototype._destroy = function _destroy(err, callback) {
  const other = this[kOther];
  if (err) other.destroy(err);
  else if (!other.destroyed) other.destroy();
  callback(err);
};

export function duplexPair(options) {
  const a = new PairSide(options);
  const b = new PairSide(options);
  a[kOther] = b;
  b[kOther] = a;
  return [a, b];
}
