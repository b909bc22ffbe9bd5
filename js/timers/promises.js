// Module `timers/promises`: promise-returning timers with real delays
// (the reference resolved them immediately). Written for wasmedge_boa.

import { codes } from 'internal/errors';

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

function delayOf(ms) {
  const n = Math.trunc(Number(ms));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function abortable(signal, start) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) { reject(abortError(signal)); return; }
    let cancel = () => {};
    const onAbort = () => { cancel(); reject(abortError(signal)); };
    cancel = start((value) => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function setTimeout(delay, value, options = {}) {
  return abortable(options.signal, (done) => {
    const id = globalThis.setTimeout(() => done(value), delayOf(delay));
    return () => globalThis.clearTimeout(id);
  });
}

export function setImmediate(value, options = {}) {
  return abortable(options.signal, (done) => {
    let cancelled = false;
    const run = () => { if (!cancelled) done(value); };
    if (typeof globalThis.setImmediate === 'function') globalThis.setImmediate(run);
    else globalThis.setTimeout(run, 0);
    return () => { cancelled = true; };
  });
}

/** Async iterator yielding `value` every `delay` ms until the consumer stops or the signal aborts. */
export function setInterval(delay, value, options = {}) {
  const signal = options.signal;
  let ticks = 0;
  let waiter = null;
  let finished = false;
  const id = globalThis.setInterval(() => {
    ticks++;
    if (waiter) { const w = waiter; waiter = null; ticks--; w.resolve({ value, done: false }); }
  }, Math.max(1, delayOf(delay)));
  const stop = () => { finished = true; globalThis.clearInterval(id); };
  if (signal) {
    signal.addEventListener('abort', () => {
      stop();
      if (waiter) { const w = waiter; waiter = null; w.reject(abortError(signal)); }
    }, { once: true });
  }
  return {
    next() {
      if (signal && signal.aborted) { stop(); return Promise.reject(abortError(signal)); }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      if (ticks > 0) { ticks--; return Promise.resolve({ value, done: false }); }
      return new Promise((resolve, reject) => { waiter = { resolve, reject }; });
    },
    return() {
      stop();
      if (waiter) { const w = waiter; waiter = null; w.resolve({ value: undefined, done: true }); }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

// The class of `scheduler` (the web's Scheduling API subset Node has); only this module makes one.
const kConstructing = Symbol('Scheduler');
class Scheduler {
  constructor(token) {
    if (token !== kConstructing) throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
  }

  /** Resolves on the next turn of the event loop (after I/O), as `setImmediate`. */
  yield() { return setImmediate(); }

  /** Resolves after `delay` ms; `options.signal` aborts it. */
  wait(delay, options) { return setTimeout(delay, undefined, options); }
}
export const scheduler = new Scheduler(kConstructing);

export default { setTimeout, setImmediate, setInterval, scheduler };
