// Module `timers`: Node-style timer functions returning Timeout objects,
// on top of the runtime's native timer globals. Written for wasmedge_boa.

const native = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
};

function delayOf(ms) {
  const n = Math.trunc(Number(ms));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function checkCallback(callback) {
  if (typeof callback !== 'function') {
    const err = new TypeError('The "callback" argument must be of type function. Received ' + (callback === null ? 'null' : typeof callback));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

let nextId = 1;

/** What setTimeout/setInterval return: cancellable, refreshable, and usable as a number key. */
export class Timeout {
  constructor(callback, delay, args, repeat) {
    this._callback = callback;
    this._delay = delay;
    this._args = args;
    this._repeat = repeat;
    this._id = nextId++;
    this._handle = undefined;
    this._destroyed = false;
    this._refed = true;
    this._start();
  }

  _start() {
    const run = () => {
      if (!this._repeat) this._destroyed = true;
      this._callback(...this._args);
    };
    this._handle = this._repeat ? native.setInterval(run, this._delay) : native.setTimeout(run, this._delay);
  }

  _clear() {
    if (this._handle === undefined) return;
    if (this._repeat) native.clearInterval(this._handle);
    else native.clearTimeout(this._handle);
    this._handle = undefined;
  }

  refresh() {
    if (!this._destroyed) { this._clear(); this._start(); }
    return this;
  }

  close() { this._destroyed = true; this._clear(); return this; }

  // The runtime's timers always keep the process alive unless the native handle supports unref.
  ref() { this._refed = true; if (this._handle && typeof this._handle.ref === 'function') this._handle.ref(); return this; }
  unref() { this._refed = false; if (this._handle && typeof this._handle.unref === 'function') this._handle.unref(); return this; }
  hasRef() { return this._refed; }

  [Symbol.toPrimitive]() { return this._id; }
}

export class Immediate {
  constructor(callback, args) {
    this._cancelled = false;
    this._refed = true;
    const run = () => { if (!this._cancelled) callback(...args); };
    this._handle = native.setImmediate ? native.setImmediate(run) : native.setTimeout(run, 0);
  }
  ref() { this._refed = true; return this; }
  unref() { this._refed = false; return this; }
  hasRef() { return this._refed; }
}

const byId = new Map();

export function setTimeout(callback, delay, ...args) {
  checkCallback(callback);
  const t = new Timeout(() => { byId.delete(t._id); callback(...args); }, delayOf(delay), [], false);
  byId.set(t._id, t);
  return t;
}

export function setInterval(callback, delay, ...args) {
  checkCallback(callback);
  const t = new Timeout(callback, Math.max(1, delayOf(delay)), args, true);
  byId.set(t._id, t);
  return t;
}

function clearAny(timer) {
  if (timer instanceof Timeout) { byId.delete(timer._id); timer.close(); return; }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const t = byId.get(Number(timer));
    if (t) { byId.delete(t._id); t.close(); }
    return;
  }
  // A handle from the global timer functions.
  if (timer !== undefined && timer !== null) {
    native.clearTimeout(timer);
    if (native.clearInterval) native.clearInterval(timer);
  }
}

export function clearTimeout(timer) { clearAny(timer); }
export function clearInterval(timer) { clearAny(timer); }

export function setImmediate(callback, ...args) {
  checkCallback(callback);
  return new Immediate(callback, args);
}

export function clearImmediate(immediate) {
  if (immediate instanceof Immediate) immediate._cancelled = true;
  else if (immediate !== undefined && native.clearImmediate) native.clearImmediate(immediate);
}

export function active(timer) { if (timer instanceof Timeout) timer.refresh(); }
export const _unrefActive = active;
export function enroll() {}
export function unenroll() {}

import * as promisesModule from 'timers/promises';
export const promises = promisesModule;

export default {
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate,
  active, _unrefActive, enroll, unenroll, promises, Timeout, Immediate,
};
