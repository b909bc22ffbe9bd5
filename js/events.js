// Module `events`: Node's EventEmitter, written for wasmedge_boa.
//
// The listener store has Node's observable shape, because code (Node's own `stream`, and tests)
// reads it: `emitter._events` is a null-prototype object mapping an event name to its one
// listener (a function) or to an array of listeners, `_eventsCount` counts the names, and a
// `once` listener is stored as a wrapper function whose `listener` property is the original.
// `emit` calls a copy of the array, so listeners added or removed meanwhile do not affect an emit
// in progress.
import { codes, inspect } from 'internal/errors';
import { listeners as targetListeners, resistStopPropagation } from '_boa:events';

const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_UNHANDLED_ERROR } = codes;

const kCapture = Symbol('kCapture');
const kRejection = Symbol.for('nodejs.rejection');
export const captureRejectionSymbol = kRejection;
export const errorMonitor = Symbol('events.errorMonitor');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');

let defaultMaxListeners = 10;
let captureRejections = false;

function checkListener(listener) {
  if (typeof listener !== 'function') throw new ERR_INVALID_ARG_TYPE('listener', 'Function', listener);
}

function checkMax(n, name) {
  if (typeof n !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', n);
  if (n < 0 || Number.isNaN(n)) throw new ERR_OUT_OF_RANGE(name, 'a non-negative number', n);
}

// A plain constructor function (not a class) so that pre-ES2015 code doing
// `EventEmitter.call(this)` + `util.inherits(Sub, EventEmitter)` keeps working.
export function EventEmitter(options) {
  EventEmitter.init.call(this, options);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function init(options) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (options?.captureRejections !== undefined) {
    if (typeof options.captureRejections !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('options.captureRejections', 'boolean', options.captureRejections);
    }
    this[kCapture] = options.captureRejections;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

Object.defineProperties(EventEmitter, {
  defaultMaxListeners: {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(n) {
      checkMax(n, 'defaultMaxListeners');
      defaultMaxListeners = n;
    },
  },
  captureRejections: {
    enumerable: true,
    get() { return captureRejections; },
    set(value) {
      if (typeof value !== 'boolean') throw new ERR_INVALID_ARG_TYPE('EventEmitter.captureRejections', 'boolean', value);
      captureRejections = value;
      EventEmitter.prototype[kCapture] = value;
    },
  },
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners, enumerable: false },
});
Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

function maxListenersOf(emitter) {
  return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
}

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    // 'newListener' comes before the listener is added, with the unwrapped listener.
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener);
      events = target._events;
    }
    existing = events[type];
  }
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
    return target;
  }
  if (typeof existing === 'function') {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }
  const max = maxListenersOf(target);
  if (max > 0 && existing.length > max && !existing.warned) {
    existing.warned = true;
    const warning = new Error(`Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners ` +
      `added to ${inspect(target, { depth: -1 })}. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
    warning.name = 'MaxListenersExceededWarning';
    warning.emitter = target;
    warning.type = type;
    warning.count = existing.length;
    if (globalThis.process && typeof process.emitWarning === 'function') process.emitWarning(warning);
  }
  return target;
}

function onceWrapper(...args) {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, args);
  }
}

function wrapOnce(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

function unwrapListeners(list) {
  return list.map((l) => l.listener ?? l);
}

// Rejections of async listeners go to `emitter[Symbol.for('nodejs.rejection')]` or 'error'.
function addCatch(emitter, promise, type, args) {
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (error) => {
        process.nextTick(emitRejectionOrError, emitter, error, type, args);
      });
    }
  } catch (error) {
    emitter.emit('error', error);
  }
}

function emitRejectionOrError(emitter, error, type, args) {
  if (typeof emitter[kRejection] === 'function') {
    emitter[kRejection](error, type, ...args);
    return;
  }
  const previous = emitter[kCapture];
  try {
    emitter[kCapture] = false;
    emitter.emit('error', error);
  } finally {
    emitter[kCapture] = previous;
  }
}

const methods = {
  setMaxListeners(n) {
    checkMax(n, 'n');
    this._maxListeners = n;
    return this;
  },

  getMaxListeners() {
    return maxListenersOf(this);
  },

  emit(type, ...args) {
    let doError = type === 'error';
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const error = args.length > 0 ? args[0] : undefined;
      if (error instanceof Error) throw error;
      let shown;
      try {
        shown = inspect(error);
      } catch {
        shown = error;
      }
      const unhandled = new ERR_UNHANDLED_ERROR(error === undefined ? undefined : shown);
      unhandled.context = error;
      throw unhandled;
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = handler.apply(this, args);
      if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
    } else {
      const listeners = handler.slice();
      for (const listener of listeners) {
        const result = listener.apply(this, args);
        if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
      }
    }
    return true;
  },

  addListener(type, listener) { return addListener(this, type, listener, false); },
  prependListener(type, listener) { return addListener(this, type, listener, true); },

  once(type, listener) {
    checkListener(listener);
    this.on(type, wrapOnce(this, type, listener));
    return this;
  },

  prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, wrapOnce(this, type, listener));
    return this;
  },

  removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      if (--this._eventsCount === 0) {
        this._events = Object.create(null);
      } else {
        delete events[type];
        if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      // The most recently added match goes.
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  },

  removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    // Without 'removeListener' listeners, nothing needs to be told.
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key !== 'removeListener') this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  },

  listeners(type) {
    const list = this._events === undefined ? undefined : this._events[type];
    if (list === undefined) return [];
    if (typeof list === 'function') return [list.listener ?? list];
    return unwrapListeners(list);
  },

  rawListeners(type) {
    const list = this._events === undefined ? undefined : this._events[type];
    if (list === undefined) return [];
    if (typeof list === 'function') return [list];
    return list.slice();
  },

  listenerCount(type, listener) {
    const events = this._events;
    if (events === undefined) return 0;
    const list = events[type];
    if (typeof list === 'function') {
      if (listener != null) return listener === list || listener === list.listener ? 1 : 0;
      return 1;
    }
    if (list === undefined) return 0;
    if (listener != null) return list.filter((l) => l === listener || l.listener === listener).length;
    return list.length;
  },

  eventNames() {
    if (!(this._eventsCount > 0)) return [];
    // Streams pre-create their usual keys (with no listener) to fix their order.
    const events = this._events;
    return Reflect.ownKeys(events).filter((key) => events[key] !== undefined);
  },
};
for (const key of Object.keys(methods)) {
  Object.defineProperty(EventEmitter.prototype, key, {
    value: methods[key], writable: true, configurable: true, enumerable: true,
  });
}
// The same functions, as in Node.
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.captureRejectionSymbol = captureRejectionSymbol;
EventEmitter.errorMonitor = errorMonitor;

/** `events.listenerCount(emitter, type)` (deprecated in Node, still there). */
export function listenerCount(emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return methods.listenerCount.call(emitter, type);
}
EventEmitter.listenerCount = listenerCount;

function isEventTarget(value) {
  return value !== null && typeof value === 'object' && typeof value.addEventListener === 'function' &&
    typeof value.on !== 'function';
}

export function getEventListeners(emitterOrTarget, type) {
  if (emitterOrTarget !== null && typeof emitterOrTarget?.listeners === 'function') return emitterOrTarget.listeners(type);
  if (isEventTarget(emitterOrTarget)) return targetListeners(emitterOrTarget, type);
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

export function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') return maxListenersOf(emitterOrTarget);
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? defaultMaxListeners;
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

export function setMaxListeners(n = defaultMaxListeners, ...targets) {
  checkMax(n, 'n');
  if (targets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const target of targets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
    } else if (typeof target?.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw new ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
}

function abortError(signal) {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  error.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) error.cause = signal.reason;
  return error;
}

function validateSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

/** Resolves with the arguments of the next `name` event; rejects on 'error' first. */
export async function once(emitter, name, options = {}) {
  if (options !== null && typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const signal = options?.signal;
  validateSignal(signal, 'options.signal');
  if (!isEventTarget(emitter) && typeof emitter?.once !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
  }
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    if (isEventTarget(emitter)) {
      const onEvent = (...args) => {
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(args);
      };
      const onAbort = () => {
        emitter.removeEventListener(name, onEvent);
        reject(abortError(signal));
      };
      emitter.addEventListener(name, onEvent, { once: true });
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
      return;
    }
    const onEvent = (...args) => {
      if (name !== 'error') emitter.removeListener('error', onError);
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(args);
    };
    const onError = (error) => {
      emitter.removeListener(name, onEvent);
      if (signal) signal.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = () => {
      emitter.removeListener(name, onEvent);
      emitter.removeListener('error', onError);
      reject(abortError(signal));
    };
    emitter.once(name, onEvent);
    if (name !== 'error') emitter.once('error', onError);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Async iterator over `name` events (Node's `events.on`). */
export function on(emitter, name, options = {}) {
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const signal = options.signal;
  validateSignal(signal, 'options.signal');
  if (signal?.aborted) throw abortError(signal);
  // An EventTarget is listened to with addEventListener, an emitter also for 'error'; `close`
  // names events that end the iteration.
  const target = isEventTarget(emitter);
  if (!target && typeof emitter?.on !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitter);
  }
  const listen = (event, fn) => target ? emitter.addEventListener(event, fn) : emitter.on(event, fn);
  const unlisten = (event, fn) => target ? emitter.removeEventListener(event, fn) : emitter.removeListener(event, fn);
  const closers = options.close ?? [];
  const queued = [];
  const waiting = [];
  let failure = null;
  let done = false;
  const cleanup = () => {
    unlisten(name, onEvent);
    if (!target) unlisten('error', onError);
    for (const event of closers) unlisten(event, onClose);
    if (signal) signal.removeEventListener('abort', onAbort);
  };
  const onEvent = (...args) => {
    if (waiting.length) waiting.shift().resolve({ value: args, done: false });
    else queued.push(args);
  };
  // An error rejects the oldest pending next() (or the next call) and ends the iteration.
  const onError = (error) => {
    if (waiting.length) waiting.shift().reject(error);
    else failure = error;
    onClose();
  };
  const onClose = () => {
    done = true;
    cleanup();
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
  };
  const onAbort = () => onError(abortError(signal));
  listen(name, onEvent);
  if (name !== 'error' && !target) listen('error', onError);
  for (const event of closers) listen(event, onClose);
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  return {
    next() {
      if (queued.length) return Promise.resolve({ value: queued.shift(), done: false });
      if (failure) {
        const error = failure;
        failure = null;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      done = true;
      cleanup();
      for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error) {
      if (!(error instanceof Error)) throw new ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', error);
      onError(error);
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

/** Calls `listener` once `signal` aborts (at once, in a microtask, if it already has). */
export function addAbortListener(signal, listener) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateSignal(signal, 'signal');
  if (typeof listener !== 'function') throw new ERR_INVALID_ARG_TYPE('listener', 'Function', listener);
  let removed = false;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener('abort', listener, { once: true });
    resistStopPropagation(signal, 'abort', listener);
  }
  return {
    [Symbol.dispose ?? Symbol.for('nodejs.dispose')]() {
      if (!removed) {
        removed = true;
        signal.removeEventListener('abort', listener);
      }
    },
  };
}

EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.listenerCount = listenerCount;

export const usingDomains = false;
export { defaultMaxListeners };
export default EventEmitter;
