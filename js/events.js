// Module `events`: Node-style EventEmitter, written for wasmedge_boa.
//
// Listeners live in a null-prototype map from event name to an array of
// listener records; the array is replaced (never mutated in place) when a
// listener is added or removed, so an `emit` in progress keeps its snapshot.

const kCapture = Symbol('kCapture');
export const captureRejectionSymbol = Symbol.for('nodejs.rejection');
export const errorMonitor = Symbol('events.errorMonitor');

let defaultMaxListeners = 10;

function checkListener(listener) {
  if (typeof listener !== 'function') {
    throw new TypeError('The "listener" argument must be of type function. Received ' +
      (listener === null ? 'null' : typeof listener));
  }
}

function eventsOf(emitter) {
  if (emitter._events === undefined || emitter._events === null ||
      !Object.prototype.hasOwnProperty.call(emitter, '_events')) {
    emitter._events = Object.create(null);
    emitter._eventsCount = 0;
  }
  return emitter._events;
}

function addListener(emitter, name, listener, prepend, once) {
  checkListener(listener);
  const events = eventsOf(emitter);
  // Node emits 'newListener' before adding, with the original (unwrapped) listener.
  if (events.newListener !== undefined) emitter.emit('newListener', name, listener);
  const record = { listener, once };
  const list = events[name];
  if (list === undefined) {
    events[name] = [record];
    emitter._eventsCount++;
  } else {
    events[name] = prepend ? [record, ...list] : [...list, record];
    const max = emitter.getMaxListeners();
    if (max > 0 && events[name].length > max && !events[name].warned) {
      events[name].warned = true;
      const msg = 'MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ' +
        events[name].length + ' ' + String(name) + ' listeners added. ' +
        'Use emitter.setMaxListeners() to increase limit';
      if (typeof console !== 'undefined' && typeof console.warn === 'function') console.warn(msg);
    }
  }
  return emitter;
}

// A plain constructor function (not a class) so that pre-ES2015 code doing
// `EventEmitter.call(this)` + `util.inherits(Sub, EventEmitter)` keeps working.
export function EventEmitter(options) {
  EventEmitter.init.call(this, options);
}

EventEmitter.init = function init(options) {
  if (this._events === undefined || !Object.prototype.hasOwnProperty.call(this, '_events')) {
    this._events = Object.create(null);
    this._eventsCount = 0;
  }
  if (options && options.captureRejections) this[kCapture] = true;
};

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() { return defaultMaxListeners; },
  set(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw new RangeError('The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ' + String(n));
    }
    defaultMaxListeners = n;
  },
});

const emitterMethods = {

  setMaxListeners(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + String(n));
    }
    this._maxListeners = n;
    return this;
  },

  getMaxListeners() {
    return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners;
  },

  emit(name, ...args) {
    const events = this._events;
    const list = events ? events[name] : undefined;
    if (name === 'error' && events && events[errorMonitor] !== undefined) {
      this.emit(errorMonitor, ...args);
    }
    if (list === undefined) {
      if (name === 'error') {
        const err = args[0];
        if (err instanceof Error) throw err;
        const wrapped = new Error('Unhandled error.' + (err === undefined ? '' : ' (' + safeString(err) + ')'));
        wrapped.code = 'ERR_UNHANDLED_ERROR';
        wrapped.context = err;
        throw wrapped;
      }
      return false;
    }
    for (const record of list) {
      if (record.once) removeRecord(this, name, record);
      const result = record.listener.apply(this, args);
      if (this[kCapture] && result && typeof result.then === 'function') {
        result.then(undefined, (err) => {
          nextTickish(() => {
            if (typeof this[captureRejectionSymbol] === 'function') this[captureRejectionSymbol](err, name, ...args);
            else this.emit('error', err);
          });
        });
      }
    }
    return true;
  },

  on(name, listener) { return addListener(this, name, listener, false, false); },
  addListener(name, listener) { return addListener(this, name, listener, false, false); },
  prependListener(name, listener) { return addListener(this, name, listener, true, false); },
  once(name, listener) { return addListener(this, name, listener, false, true); },
  prependOnceListener(name, listener) { return addListener(this, name, listener, true, true); },

  removeListener(name, listener) {
    checkListener(listener);
    const events = this._events;
    const list = events ? events[name] : undefined;
    if (list === undefined) return this;
    // Node removes the most recently added matching listener.
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].listener === listener) {
        removeRecord(this, name, list[i]);
        break;
      }
    }
    return this;
  },

  off(name, listener) { return this.removeListener(name, listener); },

  removeAllListeners(name) {
    const events = this._events;
    if (!events) return this;
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key !== 'removeListener') this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const list = events[name];
    if (list !== undefined) {
      for (let i = list.length - 1; i >= 0; i--) removeRecord(this, name, list[i]);
    }
    return this;
  },

  listeners(name) {
    const list = this._events ? this._events[name] : undefined;
    return list === undefined ? [] : list.map((r) => r.listener);
  },

  rawListeners(name) {
    const list = this._events ? this._events[name] : undefined;
    if (list === undefined) return [];
    return list.map((r) => r.once ? onceWrapper(this, name, r) : r.listener);
  },

  listenerCount(name, listener) {
    const list = this._events ? this._events[name] : undefined;
    if (list === undefined) return 0;
    if (listener === undefined) return list.length;
    return list.filter((r) => r.listener === listener).length;
  },

  eventNames() {
    return this._events ? Reflect.ownKeys(this._events) : [];
  },

};
for (const key of Object.keys(emitterMethods)) {
  Object.defineProperty(EventEmitter.prototype, key, {
    value: emitterMethods[key], writable: true, configurable: true, enumerable: false,
  });
}
EventEmitter.listenerCount = (emitter, name) => emitter.listenerCount(name);


EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.captureRejectionSymbol = captureRejectionSymbol;
EventEmitter.errorMonitor = errorMonitor;

function removeRecord(emitter, name, record) {
  const events = emitter._events;
  const list = events[name];
  if (list === undefined) return;
  const index = list.indexOf(record);
  if (index < 0) return;
  if (list.length === 1) {
    delete events[name];
    emitter._eventsCount--;
  } else {
    events[name] = list.slice(0, index).concat(list.slice(index + 1));
  }
  if (events.removeListener !== undefined) emitter.emit('removeListener', name, record.listener);
}

// rawListeners() exposes once-listeners as wrappers with a `.listener` property, like Node.
function onceWrapper(emitter, name, record) {
  const wrapper = function (...args) {
    removeRecord(emitter, name, record);
    return record.listener.apply(emitter, args);
  };
  wrapper.listener = record.listener;
  return wrapper;
}

function safeString(value) {
  if (typeof value === 'string') return "'" + value + "'";
  try { return String(value); } catch { return Object.prototype.toString.call(value); }
}

function nextTickish(fn) {
  if (typeof queueMicrotask === 'function') queueMicrotask(fn);
  else Promise.resolve().then(fn);
}

/** Resolves with the arguments of the next `name` event; rejects on 'error' first. */
export function once(emitter, name, options) {
  const signal = options ? options.signal : undefined;
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const isEventTarget = typeof emitter.addEventListener === 'function' && typeof emitter.on !== 'function';
    if (isEventTarget) {
      emitter.addEventListener(name, (...args) => resolve(args), { once: true });
      return;
    }
    const onEvent = (...args) => {
      if (name !== 'error') emitter.removeListener('error', onError);
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(args);
    };
    const onError = (err) => {
      emitter.removeListener(name, onEvent);
      if (signal) signal.removeEventListener('abort', onAbort);
      reject(err);
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

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

/** Async iterator over `name` events (Node's events.on). */
export function on(emitter, name) {
  const queued = [];
  const waiting = [];
  let failure = null;
  let done = false;
  const onEvent = (...args) => {
    if (waiting.length) waiting.shift().resolve({ value: args, done: false });
    else queued.push(args);
  };
  const onError = (err) => {
    done = true;
    if (waiting.length) waiting.shift().reject(err);
    else failure = err;
    cleanup();
  };
  const cleanup = () => {
    emitter.removeListener(name, onEvent);
    emitter.removeListener('error', onError);
  };
  emitter.on(name, onEvent);
  if (name !== 'error') emitter.on('error', onError);
  return {
    next() {
      if (queued.length) return Promise.resolve({ value: queued.shift(), done: false });
      if (failure) { const e = failure; failure = null; return Promise.reject(e); }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      done = true;
      cleanup();
      for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) { onError(err); return Promise.reject(err); },
    [Symbol.asyncIterator]() { return this; },
  };
}

export function getEventListeners(emitter, name) {
  return typeof emitter.listeners === 'function' ? emitter.listeners(name) : [];
}

export function setMaxListeners(n, ...targets) {
  if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
  for (const t of targets) if (typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
}

export function listenerCount(emitter, name) { return emitter.listenerCount(name); }

EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.setMaxListeners = setMaxListeners;

export default EventEmitter;
