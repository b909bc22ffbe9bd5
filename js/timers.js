// Module `timers`: the runtime's timer functions (the globals; builtins/src/timers.rs), whose
// handles are Node's `Timeout` objects (ref/unref/hasRef/refresh/close, a numeric primitive),
// plus the legacy `active`/`enroll`/`unenroll` and `timers/promises`.
// The same object require('timers/promises') gives.
import promisesModule from 'timers/promises';
import { codes } from 'internal/errors';

const { ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE } = codes;

export const setTimeout = globalThis.setTimeout;
export const clearTimeout = globalThis.clearTimeout;
export const setInterval = globalThis.setInterval;
export const clearInterval = globalThis.clearInterval;
export const setImmediate = globalThis.setImmediate;
export const clearImmediate = globalThis.clearImmediate;
export const promises = promisesModule;

const probe = setTimeout(() => {}, 0);
clearTimeout(probe);
/** The class of the handles (`Timeout`); immediates are the same kind of handle here. */
export const Timeout = probe.constructor;
export const Immediate = Timeout;

// The deprecated "enroll an object as a timer" API: `enroll(item, ms)` then `active(item)`
// starts it; `item._onTimeout()` runs when it fires.
const enrolled = new WeakMap();

export function enroll(item, msecs) {
  if (typeof msecs !== 'number') throw new ERR_INVALID_ARG_TYPE('msecs', 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) throw new ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number', msecs);
  unenroll(item);
  item._idleTimeout = msecs > 2147483647 ? 2147483647 : msecs;
}

export function unenroll(item) {
  const handle = enrolled.get(item);
  if (handle !== undefined) {
    clearTimeout(handle);
    enrolled.delete(item);
  }
  item._idleTimeout = -1;
}

function start(item, refed) {
  const old = enrolled.get(item);
  if (old !== undefined) clearTimeout(old);
  const msecs = item._idleTimeout;
  if (msecs === undefined || msecs < 0) return;
  const handle = setTimeout(() => {
    enrolled.delete(item);
    if (typeof item._onTimeout === 'function') item._onTimeout();
  }, msecs);
  if (!refed) handle.unref();
  enrolled.set(item, handle);
}

export function active(item) { start(item, true); }
export function _unrefActive(item) { start(item, false); }

export default {
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate,
  active, _unrefActive, enroll, unenroll, promises, Timeout, Immediate,
};
