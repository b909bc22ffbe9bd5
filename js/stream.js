// Module `stream`: a compact implementation of Node's streams (Readable,
// Writable, Duplex, Transform, PassThrough, pipeline, finished), written for
// wasmedge_boa. Events are emitted asynchronously through microtasks.

import { EventEmitter } from 'events';
import { Buffer } from 'buffer';
import { StringDecoder } from 'string_decoder';
import { codes, AbortError, decorate } from 'internal/errors';
import { validateAbortSignal, validateFunction, validateInteger, validateObject } from 'internal/validators';

const later = (fn) => queueMicrotask(fn);

function streamError(message, code, Kind = Error) {
  const err = new Kind(message);
  err.code = code;
  return err;
}

function toBuffer(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  if (chunk instanceof Buffer) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return chunk;
}

function invalidChunk(chunk) {
  return streamError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' +
    (chunk === null ? 'null' : typeof chunk), 'ERR_INVALID_ARG_TYPE', TypeError);
}

function chunkLength(chunk, objectMode) {
  if (objectMode) return 1;
  return chunk.length;
}

// ---------------------------------------------------------------- Stream

// The highWaterMark of streams created without one (Node 20: 16 KiB, 16 objects).
let defaultHighWaterMark = 16 * 1024;
let defaultObjectHighWaterMark = 16;

export function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultObjectHighWaterMark : defaultHighWaterMark;
}

export function setDefaultHighWaterMark(objectMode, value) {
  validateInteger(value, 'value', 0);
  if (objectMode) defaultObjectHighWaterMark = value;
  else defaultHighWaterMark = value;
}

export function Stream(options) {
  EventEmitter.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

Stream.prototype.pipe = function pipe(dest, options) {
  return Readable.prototype.pipe.call(this, dest, options);
};

// ---------------------------------------------------------------- Readable

function initReadable(stream, options = {}) {
  const objectMode = !!(options.objectMode || options.readableObjectMode);
  stream._readableState = {
    objectMode,
    highWaterMark: options.readableHighWaterMark ?? options.highWaterMark ?? getDefaultHighWaterMark(objectMode),
    buffer: [],
    length: 0,
    flowing: null,
    ended: false,
    endEmitted: false,
    reading: false,
    flowScheduled: false,
    decoder: null,
    encoding: null,
    pipes: [],
    errored: null,
    closed: false,
    autoDestroy: options.autoDestroy !== false,
    emitClose: options.emitClose !== false,
    dataEmitted: false,
  };
  if (options.encoding) stream.setEncoding(options.encoding);
  if (typeof options.read === 'function') stream._read = options.read;
  if (typeof options.destroy === 'function') stream._destroy = options.destroy;
  if (typeof options.construct === 'function') stream._construct = options.construct;
  if (options.signal) addAbortSignal(options.signal, stream);
}

export function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  Stream.call(this, options);
  initReadable(this, options);
  startConstruct(this);
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

function startConstruct(stream) {
  if (typeof stream._construct !== 'function' || stream._constructing !== undefined) return;
  stream._constructing = true;
  later(() => {
    stream._construct((err) => {
      stream._constructing = false;
      if (err) stream.destroy(err);
      else {
        if (stream._readableState) scheduleFlow(stream);
        if (stream._writableState) drainWriteQueue(stream);
      }
    });
  });
}

Readable.prototype._read = function _read() {
  throw streamError('The _read() method is not implemented', 'ERR_METHOD_NOT_IMPLEMENTED');
};

Readable.prototype.push = function push(chunk, encoding) {
  const state = this._readableState;
  state.reading = false;
  if (chunk === null) {
    state.ended = true;
    scheduleFlow(this);
    return false;
  }
  if (state.ended) {
    this.destroy(streamError('stream.push() after EOF', 'ERR_STREAM_PUSH_AFTER_EOF'));
    return false;
  }
  if (state.destroyed || this.destroyed) return false;
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      chunk = state.decoder && encoding === state.encoding ? chunk : Buffer.from(chunk, encoding);
    } else if (chunk instanceof Uint8Array) {
      chunk = toBuffer(chunk);
    } else if (chunk !== undefined) {
      this.destroy(invalidChunk(chunk));
      return false;
    }
    if (chunk === undefined) return state.length < state.highWaterMark;
    if (state.decoder && typeof chunk !== 'string') chunk = state.decoder.write(chunk);
    if (chunk.length === 0) return state.length < state.highWaterMark;
  }
  state.buffer.push(chunk);
  state.length += chunkLength(chunk, state.objectMode);
  if (this.listenerCount('readable') > 0) later(() => this.emit('readable'));
  scheduleFlow(this);
  return state.length < state.highWaterMark;
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  const state = this._readableState;
  if (chunk === null || chunk === undefined) return;
  if (!state.objectMode && typeof chunk === 'string' && !state.decoder) chunk = Buffer.from(chunk, encoding);
  state.buffer.unshift(chunk);
  state.length += chunkLength(chunk, state.objectMode);
  scheduleFlow(this);
};

function scheduleFlow(stream) {
  const state = stream._readableState;
  if (state.flowScheduled) return;
  state.flowScheduled = true;
  later(() => {
    state.flowScheduled = false;
    flow(stream);
  });
}

function flow(stream) {
  const state = stream._readableState;
  if (stream.destroyed && !state.ended) return;
  while (state.flowing === true && state.buffer.length > 0) {
    const chunk = state.buffer.shift();
    state.length -= chunkLength(chunk, state.objectMode);
    state.dataEmitted = true;
    stream.emit('data', chunk);
  }
  if (state.ended && state.buffer.length === 0) {
    if (state.flowing === true || state.consumedByRead) endReadable(stream);
    return;
  }
  maybeRead(stream);
}

function maybeRead(stream) {
  const state = stream._readableState;
  if (state.ended || state.reading || stream.destroyed || stream._constructing) return;
  if (state.length >= state.highWaterMark) return;
  if (state.flowing === false && state.length > 0) return;
  if (state.flowing === null && stream.listenerCount('readable') === 0 && state.length > 0) return;
  state.reading = true;
  try {
    stream._read(state.highWaterMark);
  } catch (err) {
    state.reading = false;
    stream.destroy(err);
  }
}

function endReadable(stream) {
  const state = stream._readableState;
  if (state.endEmitted) return;
  state.endEmitted = true;
  later(() => {
    if (state.decoder) {
      const rest = state.decoder.end();
      if (rest) stream.emit('data', rest);
    }
    stream.emit('end');
    const ws = stream._writableState;
    if (ws && stream.allowHalfOpen === false && !ws.ending) stream.end();
    if (state.autoDestroy && (!ws || ws.finished || ws.destroyed)) stream.destroy();
  });
}

Readable.prototype.read = function read(n) {
  const state = this._readableState;
  state.consumedByRead = true;
  let result = null;
  if (state.buffer.length > 0) {
    if (state.objectMode) {
      result = state.buffer.shift();
      state.length -= 1;
    } else if (n === undefined || n >= state.length) {
      if (n !== undefined && n > state.length && !state.ended) {
        maybeRead(this);
        return null;
      }
      result = state.decoder ? state.buffer.join('') : state.buffer.length === 1 ? state.buffer[0] : Buffer.concat(state.buffer);
      state.buffer = [];
      state.length = 0;
    } else {
      const all = state.decoder ? state.buffer.join('') : Buffer.concat(state.buffer);
      result = all.slice(0, n);
      const rest = all.slice(n);
      state.buffer = rest.length ? [rest] : [];
      state.length = rest.length;
    }
  }
  if (result !== null) this.emit('data', result);
  if (state.ended && state.buffer.length === 0) endReadable(this);
  else maybeRead(this);
  return result;
};

// Attaching 'data' starts the flow; attaching 'readable' switches to paused mode.
function onListenerAdded(stream, event) {
  const state = stream._readableState;
  if (event === 'data') {
    if (state.flowing !== false) stream.resume();
  } else if (event === 'readable') {
    state.flowing = false;
    if (state.length > 0 || state.ended) later(() => stream.emit('readable'));
    else maybeRead(stream);
  }
}

Readable.prototype.on = function on(event, listener) {
  const result = Stream.prototype.on.call(this, event, listener);
  onListenerAdded(this, event);
  return result;
};
Readable.prototype.once = function once(event, listener) {
  const result = Stream.prototype.once.call(this, event, listener);
  onListenerAdded(this, event);
  return result;
};
Readable.prototype.prependListener = function prependListener(event, listener) {
  const result = Stream.prototype.prependListener.call(this, event, listener);
  onListenerAdded(this, event);
  return result;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  state.flowing = true;
  scheduleFlow(this);
  this.emit('resume');
  return this;
};

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  return this;
};

Readable.prototype.isPaused = function isPaused() { return this._readableState.flowing === false; };

Readable.prototype.setEncoding = function setEncoding(encoding) {
  const state = this._readableState;
  state.decoder = new StringDecoder(encoding);
  state.encoding = state.decoder.encoding;
  state.buffer = state.buffer.map((c) => typeof c === 'string' ? c : state.decoder.write(c));
  state.length = state.buffer.reduce((n, c) => n + c.length, 0);
  return this;
};

/** `emitter.prependListener`, also for emitters without one (old or foreign, as Node allows). */
function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
  const events = emitter._events;
  if (!events || !events[event]) emitter.on(event, fn);
  else if (Array.isArray(events[event])) events[event].unshift(fn);
  else events[event] = [fn, events[event]];
}

Readable.prototype.pipe = function pipe(dest, options = {}) {
  const src = this;
  const state = src._readableState;
  const endDest = options.end !== false && dest !== globalThis.process?.stdout && dest !== globalThis.process?.stderr;
  if (state) state.pipes.push(dest);
  const onData = (chunk) => {
    if (dest.write(chunk) === false && typeof src.pause === 'function') src.pause();
  };
  const onDrain = () => { if (typeof src.resume === 'function') src.resume(); };
  const onEnd = () => { if (endDest) dest.end(); };
  const onDestError = (err) => {
    cleanup();
    if (dest.listenerCount('error') === 0) dest.emit('error', err);
  };
  const cleanup = () => {
    src.removeListener('data', onData);
    src.removeListener('end', onEnd);
    dest.removeListener('drain', onDrain);
    dest.removeListener('error', onDestError);
    dest.removeListener('close', onDestClose);
  };
  const onDestClose = () => { cleanup(); };
  src.on('data', onData);
  src.once('end', onEnd);
  dest.on('drain', onDrain);
  prependListener(dest, 'error', onDestError);
  dest.once('close', onDestClose);
  src._pipeCleanups = src._pipeCleanups || [];
  src._pipeCleanups.push({ dest, cleanup });
  dest.emit('pipe', src);
  if (state && state.flowing !== true) src.resume();
  return dest;
};

Readable.prototype.unpipe = function unpipe(dest) {
  const entries = this._pipeCleanups || [];
  for (const entry of entries.slice()) {
    if (dest === undefined || entry.dest === dest) {
      entry.cleanup();
      entries.splice(entries.indexOf(entry), 1);
      entry.dest.emit('unpipe', this);
    }
  }
  if (this._readableState) this._readableState.pipes = entries.map((e) => e.dest);
  if (entries.length === 0) this.pause();
  return this;
};

Readable.prototype.destroy = function destroy(err, cb) { return destroyStream(this, err, cb); };
Readable.prototype._destroy = function _destroy(err, cb) { cb(err); };

Readable.prototype[Symbol.asyncIterator] = function () {
  const stream = this;
  const queue = [];
  let waiting = null;
  let error = null;
  let done = false;
  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    if (queue.length) { waiting = null; w.resolve({ value: queue.shift(), done: false }); }
    else if (error) { waiting = null; w.reject(error); }
    else if (done) { waiting = null; w.resolve({ value: undefined, done: true }); }
  };
  stream.on('data', (chunk) => {
    queue.push(chunk);
    if (queue.length >= 1 && !waiting) stream.pause();
    settle();
  });
  stream.on('end', () => { done = true; settle(); });
  stream.on('error', (err) => { error = err; settle(); });
  stream.on('close', () => {
    if (!done && !error && !stream._readableState.endEmitted) error = streamError('Premature close', 'ERR_STREAM_PREMATURE_CLOSE');
    done = true;
    settle();
  });
  return {
    next() {
      if (queue.length) {
        const value = queue.shift();
        return Promise.resolve({ value, done: false });
      }
      if (error) return Promise.reject(error);
      if (done) return Promise.resolve({ value: undefined, done: true });
      stream.resume();
      return new Promise((resolve, reject) => { waiting = { resolve, reject }; });
    },
    return() {
      done = true;
      stream.destroy();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return this; },
  };
};

// Old-style streams (only 'data'/'end' events and pause/resume) read through a Readable.
Readable.prototype.wrap = function wrap(stream) {
  let pausedByUs = false;
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && typeof stream.pause === 'function') {
      pausedByUs = true;
      stream.pause();
    }
  });
  stream.on('end', () => this.push(null));
  stream.on('error', (err) => this.destroy(err));
  stream.on('close', () => this.destroy());
  stream.on('destroy', () => this.destroy());
  this._read = () => {
    if (pausedByUs && typeof stream.resume === 'function') {
      pausedByUs = false;
      stream.resume();
    }
  };
  // Methods the old stream has and this one lacks are forwarded to it.
  for (const key of Object.keys(stream)) {
    if (this[key] === undefined && typeof stream[key] === 'function') this[key] = stream[key].bind(stream);
  }
  return this;
};

// `await using` a Readable: destroys it (with an AbortError unless it ended) and waits for it
// to finish; the promise rejects only with some other error.
if (typeof Symbol.asyncDispose === 'symbol') {
  Readable.prototype[Symbol.asyncDispose] = function asyncDispose() {
    let error;
    if (!this.destroyed) {
      error = this.readableEnded ? null : new AbortError();
      this.destroy(error);
    }
    return new Promise((resolve, reject) => finished(this, (err) => (err && err !== error ? reject(err) : resolve(null))));
  };
}

Readable.from = function from(iterable, options) {
  if (typeof iterable === 'string' || iterable instanceof Uint8Array) {
    return new Readable({ objectMode: true, ...options, read() { this.push(iterable); this.push(null); } });
  }
  const asyncIterator = iterable && typeof iterable[Symbol.asyncIterator] === 'function'
    ? iterable[Symbol.asyncIterator]() : null;
  const syncIterator = !asyncIterator && iterable && typeof iterable[Symbol.iterator] === 'function'
    ? iterable[Symbol.iterator]() : null;
  if (!asyncIterator && !syncIterator) {
    throw streamError('The "iterable" argument must be an instance of Iterable. Received ' + typeof iterable, 'ERR_INVALID_ARG_TYPE', TypeError);
  }
  let pulling = false;
  return new Readable({
    objectMode: true,
    ...options,
    async read() {
      if (pulling) return;
      pulling = true;
      try {
        for (;;) {
          const step = asyncIterator ? await asyncIterator.next() : syncIterator.next();
          if (step.done) { this.push(null); break; }
          const value = await step.value;
          if (value === null) {
            throw streamError('May not write null values to stream', 'ERR_STREAM_NULL_VALUES', TypeError);
          }
          if (!this.push(value)) break;
        }
      } catch (err) {
        this.destroy(err);
      } finally {
        pulling = false;
      }
    },
    destroy(err, cb) {
      const it = asyncIterator || syncIterator;
      if (it && typeof it.return === 'function' && !this._readableState.ended) {
        Promise.resolve(it.return()).then(() => cb(err), cb);
      } else {
        cb(err);
      }
    },
  });
};

defineGetters(Readable.prototype, {
  readable() { const s = this._readableState; return !!s && !this.destroyed && !s.endEmitted && !s.errored; },
  readableEnded() { return this._readableState.endEmitted; },
  readableFlowing() { return this._readableState.flowing; },
  readableLength() { return this._readableState.length; },
  readableHighWaterMark() { return this._readableState.highWaterMark; },
  readableObjectMode() { return this._readableState.objectMode; },
  readableEncoding() { return this._readableState.encoding; },
  readableAborted() { const s = this._readableState; return this.destroyed && !s.endEmitted; },
  readableDidRead() { return this._readableState.dataEmitted; },
  closed() { return (this._readableState || this._writableState).closed; },
  errored() { return (this._readableState || this._writableState).errored; },
});

function defineGetters(proto, getters) {
  for (const name of Object.keys(getters)) {
    Object.defineProperty(proto, name, { get: getters[name], configurable: true, enumerable: false });
  }
}

// ---------------------------------------------------------------- destroy

function destroyStream(stream, err, cb) {
  const rs = stream._readableState;
  const ws = stream._writableState;
  if (stream.destroyed) {
    if (typeof cb === 'function') later(() => cb(err));
    return stream;
  }
  stream.destroyed = true;
  if (rs) rs.destroyed = true;
  if (ws) ws.destroyed = true;
  const finish = (error) => {
    if (error) {
      if (rs) rs.errored = error;
      if (ws) ws.errored = error;
    }
    later(() => {
      if (error && !(rs && rs.errorEmitted) && !(ws && ws.errorEmitted)) {
        if (rs) rs.errorEmitted = true;
        if (ws) ws.errorEmitted = true;
        stream.emit('error', error);
      }
      if (rs) rs.closed = true;
      if (ws) ws.closed = true;
      if ((rs ? rs.emitClose : true) && (ws ? ws.emitClose : true)) stream.emit('close');
      if (typeof cb === 'function') cb(error);
    });
  };
  try {
    stream._destroy(err || null, (error) => finish(error || err));
  } catch (e) {
    finish(e);
  }
  return stream;
}

// ---------------------------------------------------------------- Writable

function initWritable(stream, options = {}) {
  const objectMode = !!(options.objectMode || options.writableObjectMode);
  stream._writableState = {
    objectMode,
    highWaterMark: options.writableHighWaterMark ?? options.highWaterMark ?? getDefaultHighWaterMark(objectMode),
    decodeStrings: options.decodeStrings !== false,
    defaultEncoding: options.defaultEncoding || 'utf8',
    queue: [],
    length: 0,
    writing: false,
    corked: 0,
    ending: false,
    ended: false,
    finished: false,
    finalCalled: false,
    needDrain: false,
    errored: null,
    closed: false,
    autoDestroy: options.autoDestroy !== false,
    emitClose: options.emitClose !== false,
    pendingCallbacks: [],
  };
  if (typeof options.write === 'function') stream._write = options.write;
  if (typeof options.writev === 'function') stream._writev = options.writev;
  if (typeof options.final === 'function') stream._final = options.final;
  if (typeof options.destroy === 'function') stream._destroy = options.destroy;
  if (typeof options.construct === 'function') stream._construct = options.construct;
  if (options.signal) addAbortSignal(options.signal, stream);
}

export function Writable(options) {
  if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(options);
  Stream.call(this, options);
  initWritable(this, options);
  startConstruct(this);
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (typeof this._writev === 'function') this._writev([{ chunk, encoding }], cb);
  else throw streamError('The _write() method is not implemented', 'ERR_METHOD_NOT_IMPLEMENTED');
};

Writable.prototype.write = function write(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
  encoding = encoding || state.defaultEncoding;
  if (typeof cb !== 'function') cb = () => {};
  let error = null;
  if (chunk === null) error = streamError('May not write null values to stream', 'ERR_STREAM_NULL_VALUES', TypeError);
  else if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings) { chunk = Buffer.from(chunk, encoding); encoding = 'buffer'; }
    } else if (chunk instanceof Uint8Array) {
      chunk = toBuffer(chunk);
      encoding = 'buffer';
    } else {
      error = invalidChunk(chunk);
    }
  }
  if (!error && state.ending) error = streamError('write after end', 'ERR_STREAM_WRITE_AFTER_END');
  if (!error && this.destroyed) error = streamError('Cannot call write after a stream was destroyed', 'ERR_STREAM_DESTROYED');
  if (error) {
    later(() => cb(error));
    if (error.code !== 'ERR_STREAM_DESTROYED') this.destroy(error);
    return false;
  }
  state.length += chunkLength(chunk, state.objectMode);
  const ok = state.length < state.highWaterMark;
  if (!ok) state.needDrain = true;
  state.queue.push({ chunk, encoding, cb });
  if (!state.writing && !state.corked && !this._constructing) drainWriteQueue(this);
  return ok;
};

function drainWriteQueue(stream) {
  const state = stream._writableState;
  if (state.writing || state.corked || stream.destroyed) return;
  if (state.queue.length === 0) {
    if (state.ending) finishMaybe(stream);
    return;
  }
  state.writing = true;
  let entries;
  if (state.queue.length > 1 && typeof stream._writev === 'function') {
    entries = state.queue.splice(0);
  } else {
    entries = [state.queue.shift()];
  }
  let sync = true;
  const onWrite = (err) => {
    const size = entries.reduce((n, e) => n + chunkLength(e.chunk, state.objectMode), 0);
    state.length -= size;
    state.writing = false;
    const run = () => {
      if (err) {
        for (const e of entries) e.cb(err);
        stream.destroy(err);
        return;
      }
      for (const e of entries) e.cb(null);
      if (state.needDrain && state.length === 0 && !state.ending && !stream.destroyed) {
        state.needDrain = false;
        stream.emit('drain');
      }
      drainWriteQueue(stream);
    };
    if (sync) later(run); else run();
  };
  try {
    if (entries.length > 1) stream._writev(entries.map((e) => ({ chunk: e.chunk, encoding: e.encoding })), onWrite);
    else stream._write(entries[0].chunk, entries[0].encoding, onWrite);
  } catch (err) {
    onWrite(err);
  }
  sync = false;
}

function finishMaybe(stream) {
  const state = stream._writableState;
  if (state.finished || state.writing || state.queue.length > 0 || state.finalCalled) return;
  state.finalCalled = true;
  const done = (err) => {
    if (err) { stream.destroy(err); return; }
    state.finished = true;
    for (const cb of state.pendingCallbacks.splice(0)) cb(null);
    stream.emit('finish');
    const rs = stream._readableState;
    if (state.autoDestroy && (!rs || rs.endEmitted || rs.destroyed)) stream.destroy();
  };
  if (typeof stream._final === 'function') {
    try {
      stream._final((err) => later(() => done(err)));
    } catch (err) {
      done(err);
    }
  } else {
    later(() => done(null));
  }
}

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') { cb = chunk; chunk = undefined; encoding = undefined; }
  else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
  if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
  if (state.corked) { state.corked = 1; this.uncork(); }
  if (typeof cb === 'function') {
    if (state.finished) later(() => cb(null));
    else if (state.ending) later(() => cb(streamError('write after end', 'ERR_STREAM_ALREADY_FINISHED')));
    else state.pendingCallbacks.push(cb);
  }
  if (!state.ending) {
    state.ending = true;
    state.ended = true;
    if (!state.writing && !this._constructing) drainWriteQueue(this);
  }
  return this;
};

Writable.prototype.cork = function cork() { this._writableState.corked++; };
Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked > 0) state.corked--;
  if (state.corked === 0) drainWriteQueue(this);
};
Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  this._writableState.defaultEncoding = encoding;
  return this;
};
Writable.prototype.destroy = function destroy(err, cb) { return destroyStream(this, err, cb); };
Writable.prototype._destroy = function _destroy(err, cb) { cb(err); };

const writableGetters = {
  writable() { const s = this._writableState; return !!s && !this.destroyed && !s.ending && !s.errored; },
  writableEnded() { return this._writableState.ending; },
  writableFinished() { return this._writableState.finished; },
  writableLength() { return this._writableState.length; },
  writableHighWaterMark() { return this._writableState.highWaterMark; },
  writableObjectMode() { return this._writableState.objectMode; },
  writableCorked() { return this._writableState.corked; },
  writableNeedDrain() { return this._writableState.needDrain; },
};
defineGetters(Writable.prototype, writableGetters);
defineGetters(Writable.prototype, {
  closed() { return this._writableState.closed; },
  errored() { return this._writableState.errored; },
});

// ---------------------------------------------------------------- Duplex

export function Duplex(options = {}) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Stream.call(this, options);
  initReadable(this, options);
  initWritable(this, options);
  this.allowHalfOpen = options.allowHalfOpen !== false;
  if (options.readable === false) { this._readableState.ended = true; this._readableState.endEmitted = true; }
  if (options.writable === false) { this._writableState.ending = true; this._writableState.finished = true; }
  startConstruct(this);
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const name of ['write', 'end', 'cork', 'uncork', 'setDefaultEncoding', '_write']) {
  Duplex.prototype[name] = Writable.prototype[name];
}
defineGetters(Duplex.prototype, writableGetters);

// `instanceof Writable` holds for duplex streams too, as in Node.
Object.defineProperty(Writable, Symbol.hasInstance, {
  value(object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return !!(object && object._writableState);
  },
  configurable: true,
});

Duplex.from = function from(source) {
  if (source instanceof Duplex) return source;
  if (source instanceof Readable || source instanceof Writable) return source;
  return Readable.from(source);
};

// ---------------------------------------------------------------- Transform / PassThrough

export function Transform(options = {}) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  if (typeof options.transform === 'function') this._transform = options.transform;
  if (typeof options.flush === 'function') this._flush = options.flush;
  this._readableState.sync = false;
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

Transform.prototype._transform = function _transform() {
  throw streamError('The _transform() method is not implemented', 'ERR_METHOD_NOT_IMPLEMENTED');
};

Transform.prototype._write = function _write(chunk, encoding, cb) {
  this._transform(chunk, encoding, (err, data) => {
    if (err) { cb(err); return; }
    if (data !== undefined && data !== null) this.push(data);
    // Back-pressure: wait for the reader when the readable side is full.
    const rs = this._readableState;
    if (rs.length < rs.highWaterMark || rs.flowing) cb();
    else this._pendingTransformCallback = cb;
  });
};

Transform.prototype._read = function _read() {
  const cb = this._pendingTransformCallback;
  if (cb) { this._pendingTransformCallback = null; cb(); }
};

Transform.prototype._final = function _final(cb) {
  const done = (err, data) => {
    if (err) { cb(err); return; }
    if (data !== undefined && data !== null) this.push(data);
    this.push(null);
    cb();
  };
  if (typeof this._flush === 'function') this._flush(done);
  else done();
};

export function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype._transform = function _transform(chunk, encoding, cb) { cb(null, chunk); };

// ---------------------------------------------------------------- finished / pipeline

export function finished(stream, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  options = options || {};
  let called = false;
  const done = (err) => {
    if (called) return;
    called = true;
    cleanup();
    callback.call(stream, err || undefined);
  };
  const rs = stream._readableState;
  const ws = stream._writableState;
  const wantReadable = options.readable !== false && !!rs && !(rs.ended && rs.endEmitted);
  const wantWritable = options.writable !== false && !!ws && !ws.finished;
  let readDone = !wantReadable;
  let writeDone = !wantWritable;
  const onEnd = () => { readDone = true; if (writeDone) done(); };
  const onFinish = () => { writeDone = true; if (readDone) done(); };
  const onError = (err) => { if (options.error !== false) done(err); };
  const onClose = () => {
    if ((wantReadable && !(rs && rs.endEmitted)) || (wantWritable && !(ws && ws.finished))) {
      done(streamError('Premature close', 'ERR_STREAM_PREMATURE_CLOSE'));
    } else {
      done();
    }
  };
  const cleanup = () => {
    stream.removeListener('end', onEnd);
    stream.removeListener('finish', onFinish);
    stream.removeListener('error', onError);
    stream.removeListener('close', onClose);
  };
  stream.on('end', onEnd);
  stream.on('finish', onFinish);
  stream.on('error', onError);
  stream.on('close', onClose);
  if (readDone && writeDone) later(() => done());
  return cleanup;
}

export function pipeline(...streams) {
  let callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
  if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
  if (streams.length < 2) {
    throw streamError('The "streams" argument must be specified', 'ERR_MISSING_ARGS', TypeError);
  }
  streams = streams.map((s, i) => {
    if (s && typeof s.on === 'function') return s;
    if (i === 0 && s && (typeof s[Symbol.asyncIterator] === 'function' || typeof s[Symbol.iterator] === 'function')) return Readable.from(s);
    if (typeof s === 'function') {
      // An async generator stage: (source) => AsyncIterable.
      return { transformFn: s };
    }
    throw streamError('Invalid pipeline stage', 'ERR_INVALID_ARG_TYPE', TypeError);
  });
  // Materialise function stages into Readables fed by the previous stage.
  for (let i = 0; i < streams.length; i++) {
    if (streams[i].transformFn) {
      const iterable = streams[i].transformFn(streams[i - 1]);
      if (i === streams.length - 1) {
        streams[i] = Readable.from(iterable);
        // A final function stage is a sink: consume it.
        streams[i].resume();
      } else {
        streams[i] = Readable.from(iterable);
      }
      streams[i]._fromFunction = true;
    }
  }
  let error = null;
  let remaining = streams.length;
  const last = streams[streams.length - 1];
  const destroyAll = (err) => {
    for (const s of streams) if (!s.destroyed && typeof s.destroy === 'function') s.destroy(err);
  };
  const complete = (err) => {
    if (callback) { const cb = callback; callback = null; cb(err); }
  };
  streams.forEach((s, i) => {
    const isLast = i === streams.length - 1;
    finished(s, { readable: isLast ? undefined : false, writable: i > 0 ? undefined : false }, (err) => {
      if (err && !error) {
        error = err;
        destroyAll(err);
        complete(err);
        return;
      }
      remaining--;
      if (remaining === 0 && !error) complete();
    });
    if (i > 0 && !s._fromFunction) streams[i - 1].pipe(s);
  });
  return last;
}

export function addAbortSignal(signal, stream) {
  const onAbort = () => {
    const err = new Error('The operation was aborted');
    err.name = 'AbortError';
    err.code = 'ABORT_ERR';
    stream.destroy(err);
  };
  if (signal.aborted) later(onAbort);
  else signal.addEventListener('abort', onAbort, { once: true });
  return stream;
}

export function destroy(stream, err) { stream.destroy(err); }
// ---------------------------------------------------------------- web streams bridge
// Readable.fromWeb/toWeb and Writable.fromWeb/toWeb: Node streams over WHATWG streams and back,
// with back-pressure both ways. The web stream classes are the runtime's globals.

function invalidStreamArg(name, value, type) {
  return streamError(`The "${name}" argument must be an instance of ${type}. Received ${value === null ? 'null' : typeof value}`, 'ERR_INVALID_ARG_TYPE', TypeError);
}

function webChunkToNode(chunk, objectMode) {
  if (!objectMode && chunk instanceof Uint8Array && !(chunk instanceof Buffer)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return chunk;
}

Readable.fromWeb = function fromWeb(readableStream, options = {}) {
  if (!(readableStream instanceof globalThis.ReadableStream)) throw invalidStreamArg('readableStream', readableStream, 'ReadableStream');
  const objectMode = !!options.objectMode;
  const reader = readableStream.getReader();
  let reading = false;
  const readable = new Readable({
    highWaterMark: options.highWaterMark,
    encoding: options.encoding,
    objectMode,
    signal: options.signal,
    read() {
      if (reading) return;
      reading = true;
      const pump = () => reader.read().then(({ value, done }) => {
        if (done) { reading = false; readable.push(null); return; }
        if (readable.push(webChunkToNode(value, objectMode))) pump();
        else reading = false;
      }, (err) => { reading = false; readable.destroy(err); });
      pump();
    },
    destroy(err, callback) {
      reader.cancel(err || undefined).then(() => callback(err), () => callback(err));
    },
  });
  reader.closed.catch((err) => readable.destroy(err));
  return readable;
};

Readable.toWeb = function toWeb(streamReadable, options = {}) {
  if (!(streamReadable instanceof Readable) && !(streamReadable && typeof streamReadable.on === 'function' && typeof streamReadable.read === 'function')) {
    throw invalidStreamArg('streamReadable', streamReadable, 'Readable');
  }
  const objectMode = !!(streamReadable._readableState && streamReadable._readableState.objectMode);
  const strategy = options.strategy || { highWaterMark: objectMode ? 16 : 65536, size: objectMode ? () => 1 : (chunk) => chunk.byteLength };
  let controller;
  const onData = (chunk) => {
    if (!objectMode && chunk instanceof Uint8Array) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else if (!objectMode && typeof chunk === 'string') chunk = new TextEncoder().encode(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  };
  return new globalThis.ReadableStream({
    start(c) {
      controller = c;
      streamReadable.on('data', onData);
      streamReadable.once('end', () => { try { c.close(); } catch { /* cancelled */ } });
      streamReadable.once('error', (err) => { try { c.error(err); } catch { /* cancelled */ } });
      streamReadable.pause();
    },
    pull() { streamReadable.resume(); },
    cancel(reason) { streamReadable.removeListener('data', onData); streamReadable.destroy(reason); },
  }, strategy);
};

Writable.fromWeb = function fromWeb(writableStream, options = {}) {
  if (!(writableStream instanceof globalThis.WritableStream)) throw invalidStreamArg('writableStream', writableStream, 'WritableStream');
  const writer = writableStream.getWriter();
  const writable = new Writable({
    highWaterMark: options.highWaterMark,
    objectMode: !!options.objectMode,
    decodeStrings: options.decodeStrings,
    signal: options.signal,
    write(chunk, encoding, callback) {
      writer.ready.then(() => writer.write(chunk)).then(() => callback(), callback);
    },
    final(callback) { writer.close().then(() => callback(), callback); },
    destroy(err, callback) {
      (err ? writer.abort(err) : Promise.resolve()).then(() => callback(err), () => callback(err));
    },
  });
  writer.closed.catch((err) => writable.destroy(err));
  return writable;
};

Writable.toWeb = function toWeb(streamWritable) {
  if (!(streamWritable instanceof Writable) && !(streamWritable && typeof streamWritable.write === 'function' && typeof streamWritable.end === 'function')) {
    throw invalidStreamArg('streamWritable', streamWritable, 'Writable');
  }
  return new globalThis.WritableStream({
    write(chunk) {
      return new Promise((resolve, reject) => {
        const ok = streamWritable.write(chunk, (err) => (err ? reject(err) : (ok ? resolve() : undefined)));
        if (!ok) streamWritable.once('drain', resolve);
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        streamWritable.once('error', reject);
        streamWritable.end(resolve);
      });
    },
    abort(reason) { streamWritable.destroy(reason); },
  });
};

export function isDisturbed(stream) { return !!(stream._readableState && (stream._readableState.dataEmitted || stream._readableState.consumedByRead)); }
export function isErrored(stream) { return !!(stream.errored); }
export function isReadable(stream) { return !!(stream && stream.readable); }
export function _isUint8Array(value) { return value instanceof Uint8Array; }
export function _uint8ArrayToBuffer(chunk) { return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength); }

// ---------------------------------------------------------------------------------------------
// Readable operators (Node 20: map, filter, forEach, toArray, some, every, find, reduce,
// flatMap, drop, take, asIndexedPairs). The ones returning streams wrap an async generator with
// Readable.from; the others return promises.

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

export const promises = {
  pipeline: (...streams) => new Promise((resolve, reject) => {
    pipeline(...streams, (err) => (err ? reject(err) : resolve()));
  }),
  finished: (stream, options) => new Promise((resolve, reject) => {
    finished(stream, options, (err) => (err ? reject(err) : resolve()));
  }),
};

Object.assign(Stream, {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal,
  destroy, isDisturbed, isErrored, isReadable, promises, _isUint8Array, _uint8ArrayToBuffer,
  getDefaultHighWaterMark, setDefaultHighWaterMark,
});

export default Stream;
