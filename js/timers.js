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
// starts it; `item._onTimeout()` runs when it fires. As in Node, an active item sits in a
// doubly linked list of the items of its duration (`_idleNext`/`_idlePrev`), started at
// `_idleStart` (ms on the loop's clock); each function warns once (DEP0095/0096/0126/0127).
const TIMEOUT_MAX = 2147483647;
const enrolled = new WeakMap();
const lists = new Map();

const warned = new Set();
function deprecated(name, instead, code) {
  if (warned.has(code) || process.noDeprecation) return;
  warned.add(code);
  process.emitWarning(`timers.${name}() is deprecated. Please use ${instead} instead.`, 'DeprecationWarning', code);
}

function listRemove(item) {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

function listAppend(item, msecs) {
  let list = lists.get(msecs);
  if (list === undefined) {
    list = { msecs };
    list._idleNext = list;
    list._idlePrev = list;
    lists.set(msecs, list);
  }
  if (item._idleNext) listRemove(item);
  // Newest first, right after the list's head.
  item._idleNext = list._idleNext;
  item._idlePrev = list;
  list._idleNext._idlePrev = item;
  list._idleNext = item;
}

function stop(item) {
  if (item instanceof Timeout) { clearTimeout(item); return; }
  const handle = enrolled.get(item);
  if (handle !== undefined) {
    clearTimeout(handle);
    enrolled.delete(item);
  }
  if (item._idleNext) listRemove(item);
}

export function enroll(item, msecs) {
  deprecated('enroll', 'setTimeout', 'DEP0095');
  if (typeof msecs !== 'number') throw new ERR_INVALID_ARG_TYPE('msecs', 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) throw new ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number', msecs);
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.\nTimer duration was truncated to ${TIMEOUT_MAX}.`,
      'TimeoutOverflowWarning');
    msecs = TIMEOUT_MAX;
  }
  if (item._idleTimeout >= 0) stop(item);
  item._idleTimeout = msecs;
}

export function unenroll(item) {
  deprecated('unenroll', 'clearTimeout', 'DEP0096');
  stop(item);
  item._idleTimeout = -1;
}

function start(item, refed) {
  const msecs = item._idleTimeout;
  if (msecs === undefined || !(msecs >= 0)) return;
  if (item instanceof Timeout) { item.refresh(); return; }
  const old = enrolled.get(item);
  if (old !== undefined) clearTimeout(old);
  item._idleStart = Math.trunc(performance.now());
  listAppend(item, msecs);
  const handle = setTimeout(() => {
    enrolled.delete(item);
    listRemove(item);
    if (typeof item._onTimeout === 'function') item._onTimeout();
  }, msecs);
  if (!refed) handle.unref();
  enrolled.set(item, handle);
}

export function active(item) {
  deprecated('active', 'timeout.refresh()', 'DEP0126');
  start(item, true);
}

export function _unrefActive(item) {
  deprecated('_unrefActive', 'timeout.refresh()', 'DEP0127');
  start(item, false);
}

export default {
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate,
  active, _unrefActive, enroll, unenroll, promises, Timeout, Immediate,
};
