// Readable streams, on Node's state machine (`_readableState`).
//
// How data moves: `_read()` is called when the buffer is below highWaterMark and someone wants
// data; the implementation calls `push(chunk)` (now or later) and `push(null)` at the end. In
// flowing mode ('data' listeners, `resume()`, `pipe()`), buffered chunks are emitted as 'data'
// by `flow()`; in paused mode a 'readable' event says `read()` has something. Events that follow
// from a call (readable, resume, end, reading more) are deferred with process.nextTick, in
// Node's order; a chunk pushed asynchronously to a flowing, empty stream is emitted at once.

import { Buffer } from 'buffer';
import { StringDecoder } from 'string_decoder';
import { EventEmitter } from 'events';
import { AbortError, codes } from 'internal/errors';
import { validateAbortSignal, validateObject } from 'internal/validators';
import { Stream, prependListener } from 'internal/streams/legacy';
import { construct, destroy as destroyImpl, destroyer, errorOrDestroy, undestroy } from 'internal/streams/destroy';
import { finished } from 'internal/streams/end_of_stream';
import { addAbortSignalNoValidate } from 'internal/streams/add_abort_signal';
import {
  asBuffer, combineErrors, defaultEncodingFrom, highWaterMarkFrom, isArrayBufferView, kIsDestroyed, nop, seedEvents, tick,
} from 'internal/streams/utils';

const {
  ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, ERR_OUT_OF_RANGE, ERR_STREAM_PUSH_AFTER_EOF,
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT, ERR_STREAM_NULL_VALUES,
} = codes;

const kPaused = Symbol('kPaused');

export function ReadableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') isDuplex = !!(stream && stream._writableState !== undefined && isDuplexLike(stream));
  this.objectMode = !!(options && options.objectMode);
  if (isDuplex) this.objectMode = this.objectMode || !!(options && options.readableObjectMode);
  this.highWaterMark = highWaterMarkFrom(options, 'readableHighWaterMark', isDuplex, this.objectMode);
  this.buffer = [];
  this.length = 0;
  this.pipes = [];
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.constructed = true;
  // Whether we are inside a `_read()` call: a push made there is buffered, not emitted at once.
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this[kPaused] = null;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.defaultEncoding = defaultEncodingFrom(options);
  // The writers a pipe() waits 'drain' from: one stream, or a Set once there are several pipes.
  this.awaitDrainWriters = null;
  this.multiAwaitDrain = false;
  this.readingMore = false;
  this.dataEmitted = false;
  this.decoder = null;
  this.encoding = null;
  if (options && options.encoding) {
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = this.decoder.encoding;
  }
}

Object.defineProperty(ReadableState.prototype, 'paused', {
  get() { return this[kPaused] !== false; },
  set(value) { this[kPaused] = !!value; },
  configurable: true,
});
Object.defineProperty(ReadableState.prototype, 'pipesCount', {
  get() { return this.pipes.length; },
  configurable: true,
});

function isDuplexLike(stream) {
  return typeof stream.write === 'function' && typeof stream.read === 'function';
}

export function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  const isDuplex = this._writableState !== undefined && typeof this.write === 'function';
  seedEvents(this, ['close', 'error', 'data', 'end', 'readable']);
  this._readableState = new ReadableState(options, this, isDuplex);
  Stream.call(this, options);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal && !isDuplex) addAbortSignalNoValidate(options.signal, this);
  }
  construct(this, () => readableConstructed(this));
}

/** What the readable side does once `_construct` has called back. */
export function readableConstructed(stream) {
  const state = stream._readableState;
  if (state.needReadable) scheduleReadMore(stream, state);
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

Readable.ReadableState = ReadableState;

Readable.prototype.destroy = destroyImpl;
Readable.prototype._undestroy = undestroy;
Readable.prototype._destroy = function _destroy(err, cb) { cb(err); };
Readable.prototype[EventEmitter.captureRejectionSymbol] = function captureRejection(err) { this.destroy(err); };
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

Readable.prototype._read = function _read() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_read()');
};

Readable.prototype.push = function push(chunk, encoding) {
  return addChunk(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  return addChunk(this, chunk, encoding, true);
};

/** push()/unshift(): validates and normalises the chunk, then buffers or emits it. */
function addChunk(stream, chunk, encoding, toFront) {
  const state = stream._readableState;
  let decoded = false; // chunk is already a string in the decoder's encoding
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding === encoding) {
        decoded = true;
      } else if (toFront && state.encoding) {
        chunk = Buffer.from(chunk, encoding).toString(state.encoding);
        decoded = true;
      } else {
        chunk = Buffer.from(chunk, encoding);
      }
    } else if (chunk instanceof Buffer) {
      // as is
    } else if (isArrayBufferView(chunk)) {
      chunk = asBuffer(chunk);
    } else if (chunk != null) {
      errorOrDestroy(stream, new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk));
      return false;
    }
  }

  if (chunk === null) {
    state.reading = false;
    onEndOfData(stream, state);
  } else if (state.objectMode || (chunk && chunk.length > 0)) {
    if (toFront) {
      if (state.endEmitted) {
        errorOrDestroy(stream, new ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
        return false;
      }
      if (state.destroyed || state.errored) return false;
      storeChunk(stream, state, chunk, true);
    } else if (state.ended) {
      errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
      return false;
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      state.reading = false;
      if (state.decoder && !decoded) {
        chunk = state.decoder.write(chunk);
        if (state.objectMode || chunk.length !== 0) storeChunk(stream, state, chunk, false);
        else scheduleReadMore(stream, state);
      } else {
        storeChunk(stream, state, chunk, false);
      }
    }
  } else if (!toFront) {
    // An empty chunk: the read is over but nothing arrived.
    state.reading = false;
    scheduleReadMore(stream, state);
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function storeChunk(stream, state, chunk, toFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    // Flowing with nothing queued: hand the chunk straight to the consumers.
    clearAwaitDrain(state);
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (toFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) scheduleReadable(stream);
  }
  scheduleReadMore(stream, state);
}

function clearAwaitDrain(state) {
  if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
  else state.awaitDrainWriters = null;
}

function onEndOfData(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const rest = state.decoder.end();
    if (rest && rest.length) {
      state.buffer.push(rest);
      state.length += state.objectMode ? 1 : rest.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    // Inside _read(): tell the consumer on the next tick.
    scheduleReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadableNow(stream);
  }
}

function scheduleReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    tick(emitReadableNow, stream);
  }
}

function emitReadableNow(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  // Another 'readable' is wanted unless flowing, ended, or full.
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

// Reading ahead up to highWaterMark, once per tick.
function scheduleReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    tick(readMore, stream, state);
  }
}

function readMore(stream, state) {
  while (!state.reading && !state.ended &&
         (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const before = state.length;
    stream.read(0);
    if (before === state.length) break; // nothing came synchronously
  }
  state.readingMore = false;
}

const MAX_HWM = 0x40000000; // 1 GiB

function grownHighWaterMark(n) {
  if (n > MAX_HWM) throw new ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
  // The next power of two, so that repeated larger reads don't grow it one byte at a time.
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/** How many bytes (or objects) a read(n) can return now; 0 means none yet. */
function amountToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) {
    // read() without a size: in flowing mode one chunk at a time, otherwise everything.
    if (state.flowing && state.length) return state.buffer[0].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  if (n === undefined) n = NaN;
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
  const state = this._readableState;
  const requested = n;

  if (n > state.highWaterMark) state.highWaterMark = grownHighWaterMark(n);
  if (n !== 0) state.emittedReadable = false;

  // read(0) with data (or the end) waiting only triggers 'readable' (or 'end').
  if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else scheduleReadable(this);
    return null;
  }

  n = amountToRead(n, state);
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }

  // Call _read() when below highWaterMark after this read, unless it cannot give anything.
  let callRead = state.needReadable || state.length === 0 || state.length - n < state.highWaterMark;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) callRead = false;
  if (callRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    // A synchronous push may have changed how much there is.
    if (!state.reading) n = amountToRead(requested, state);
  }

  let result = n > 0 ? takeFromBuffer(n, state) : null;
  if (result === null) {
    state.needReadable = state.length <= state.highWaterMark;
    n = 0;
  } else {
    state.length -= n;
    clearAwaitDrain(state);
  }

  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    // Everything was read and the data ended: 'end' follows.
    if (requested !== n && state.ended) endReadable(this);
  }

  if (result !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', result);
  }
  return result;
};

/** Removes `n` bytes (or one object) from the front of the buffer. */
function takeFromBuffer(n, state) {
  const buffer = state.buffer;
  if (state.length === 0 || buffer.length === 0) return null;
  if (state.objectMode) return buffer.shift();
  if (!n || n >= state.length) {
    let all;
    if (state.decoder) all = buffer.join('');
    else if (buffer.length === 1) all = buffer[0];
    else all = Buffer.concat(buffer, state.length);
    state.buffer = [];
    return all;
  }
  const first = buffer[0];
  if (n < first.length) {
    buffer[0] = first.slice(n);
    return first.slice(0, n);
  }
  if (n === first.length) return buffer.shift();
  // Spans several chunks.
  if (state.decoder) {
    let out = '';
    while (out.length < n) {
      const chunk = buffer[0];
      const want = n - out.length;
      if (chunk.length <= want) {
        out += chunk;
        buffer.shift();
      } else {
        out += chunk.slice(0, want);
        buffer[0] = chunk.slice(want);
      }
    }
    return out;
  }
  const out = Buffer.allocUnsafe(n);
  let filled = 0;
  while (filled < n) {
    const chunk = buffer[0];
    const want = n - filled;
    if (chunk.length <= want) {
      out.set(chunk, filled);
      filled += chunk.length;
      buffer.shift();
    } else {
      out.set(chunk.subarray(0, want), filled);
      buffer[0] = chunk.slice(want);
      filled += want;
    }
  }
  return out;
}

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    tick(emitEnd, state, stream);
  }
}

function emitEnd(state, stream) {
  if (state.errored || state.closeEmitted || state.endEmitted || state.length !== 0) return;
  state.endEmitted = true;
  stream.emit('end');
  if (stream.writable && stream.allowHalfOpen === false) {
    tick(endWritableSide, stream);
  } else if (state.autoDestroy) {
    // A duplex is destroyed only once its writable side is done too.
    const ws = stream._writableState;
    if (!ws || (ws.autoDestroy && (ws.finished || ws.writable === false))) stream.destroy();
  }
}

function endWritableSide(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

// ---------------------------------------------------------------------------------------------
// Modes: flowing ('data', resume, pipe) and paused ('readable', pause).

Readable.prototype.on = function on(event, listener) {
  const result = Stream.prototype.on.call(this, event, listener);
  const state = this._readableState;
  if (event === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) this.resume();
  } else if (event === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = true;
      state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) scheduleReadable(this);
      else if (!state.reading) tick(readZero, this);
    }
  }
  return result;
};
Readable.prototype.addListener = Readable.prototype.on;

function readZero(stream) {
  stream.read(0);
}

Readable.prototype.removeListener = function removeListener(event, listener) {
  const result = Stream.prototype.removeListener.call(this, event, listener);
  if (event === 'readable') tick(updateReadableListening, this);
  return result;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function removeAllListeners(event) {
  const result = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (event === 'readable' || event === undefined) tick(updateReadableListening, this);
  return result;
};

function updateReadableListening(stream) {
  const state = stream._readableState;
  state.readableListening = stream.listenerCount('readable') > 0;
  if (state.resumeScheduled && state[kPaused] === false) {
    // resume() was called while 'readable' listeners kept the stream paused.
    state.flowing = true;
  } else if (stream.listenerCount('data') > 0) {
    stream.resume();
  } else if (!state.readableListening) {
    state.flowing = null;
  }
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    // With 'readable' listeners the stream stays paused; resume() only takes effect later.
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      tick(resumeNow, this, state);
    }
  }
  state[kPaused] = false;
  return this;
};

function resumeNow(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state[kPaused] = true;
  return this;
};

Readable.prototype.isPaused = function isPaused() {
  const state = this._readableState;
  return state[kPaused] === true || state.flowing === false;
};

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

Readable.prototype.setEncoding = function setEncoding(encoding) {
  const state = this._readableState;
  const decoder = new StringDecoder(encoding);
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  // What is already buffered is decoded now.
  let text = '';
  for (const chunk of state.buffer) text += decoder.write(chunk);
  state.buffer = text !== '' ? [text] : [];
  state.length = text.length;
  return this;
};

// ---------------------------------------------------------------------------------------------
// pipe / unpipe

Readable.prototype.pipe = function pipe(dest, options) {
  const src = this;
  const state = this._readableState;

  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    // A second pipe: wait for 'drain' from each of the writers that asked for it.
    state.multiAwaitDrain = true;
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
  }
  state.pipes.push(dest);

  const proc = globalThis.process;
  const endDest = (!options || options.end !== false) && dest !== proc?.stdout && dest !== proc?.stderr;
  const onEnd = () => dest.end();
  const unpipe = () => src.unpipe(dest);
  const endHandler = endDest ? onEnd : unpipe;
  if (state.endEmitted) tick(endHandler);
  else src.once('end', endHandler);

  let onDrain = null;
  let cleanedUp = false;

  const onUnpipe = (readable, info) => {
    if (readable === src && info && info.hasUnpiped === false) {
      info.hasUnpiped = true;
      cleanup();
    }
  };
  const cleanup = () => {
    dest.removeListener('close', onClose);
    dest.removeListener('finish', onFinish);
    if (onDrain) dest.removeListener('drain', onDrain);
    dest.removeListener('error', onError);
    dest.removeListener('unpipe', onUnpipe);
    src.removeListener('end', onEnd);
    src.removeListener('end', unpipe);
    src.removeListener('data', onData);
    cleanedUp = true;
    // If we were waiting on this writer, stop waiting (it will never drain for us now).
    if (onDrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) onDrain();
  };
  const pauseForDrain = () => {
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state.multiAwaitDrain = false;
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!onDrain) {
      onDrain = () => {
        if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
        else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
        if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount('data')) src.resume();
      };
      dest.on('drain', onDrain);
    }
  };
  const onData = (chunk) => {
    if (dest.write(chunk) === false) pauseForDrain();
  };
  const onError = (err) => {
    unpipe();
    dest.removeListener('error', onError);
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) errorOrDestroy(dest, err);
      else dest.emit('error', err);
    }
  };
  const onClose = () => {
    dest.removeListener('finish', onFinish);
    unpipe();
  };
  const onFinish = () => {
    dest.removeListener('close', onClose);
    unpipe();
  };

  dest.on('unpipe', onUnpipe);
  src.on('data', onData);
  prependListener(dest, 'error', onError);
  dest.once('close', onClose);
  dest.once('finish', onFinish);
  if (typeof dest.emit === 'function') dest.emit('pipe', src);

  if (dest.writableNeedDrain === true) pauseForDrain();
  else if (!state.flowing) src.resume();
  return dest;
};

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  if (state.pipes.length === 0) return this;
  if (!dest) {
    const all = state.pipes;
    state.pipes = [];
    this.pause();
    for (const d of all) if (typeof d.emit === 'function') d.emit('unpipe', this, { hasUnpiped: false });
    return this;
  }
  const index = state.pipes.indexOf(dest);
  if (index === -1) return this;
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) this.pause();
  if (typeof dest.emit === 'function') dest.emit('unpipe', this, { hasUnpiped: false });
  return this;
};

// ---------------------------------------------------------------------------------------------
// Wrapping old streams, async iteration

Readable.prototype.wrap = function wrap(stream) {
  let paused = false;
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) {
      paused = true;
      stream.pause();
    }
  });
  stream.on('end', () => this.push(null));
  stream.on('error', (err) => errorOrDestroy(this, err));
  stream.on('close', () => this.destroy());
  stream.on('destroy', () => this.destroy());
  this._read = () => {
    if (paused && stream.resume) {
      paused = false;
      stream.resume();
    }
  };
  // Methods the old stream has and this one lacks are forwarded to it.
  for (const key of Object.keys(stream)) {
    if (this[key] === undefined && typeof stream[key] === 'function') this[key] = stream[key].bind(stream);
  }
  return this;
};

Readable.prototype[Symbol.asyncIterator] = function asyncIterator() {
  return iterate(this);
};

Readable.prototype.iterator = function iterator(options) {
  if (options !== undefined) validateObject(options, 'options');
  return iterate(this, options);
};

function iterate(stream, options) {
  if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
  const iter = readChunks(stream, options);
  iter.stream = stream;
  return iter;
}

async function* readChunks(stream, options) {
  let wake = nop;
  const onReadable = function () {
    const w = wake;
    wake = nop;
    w();
  };
  stream.on('readable', onReadable);
  let error; // undefined: running; null: ended cleanly; an error: failed
  const stopWatching = finished(stream, { writable: false }, (err) => {
    error = err ? combineErrors(error, err) : null;
    const w = wake;
    wake = nop;
    w();
  });
  try {
    for (;;) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) yield chunk;
      else if (error) throw error;
      else if (error === null) return;
      else await new Promise((resolve) => { wake = resolve; });
    }
  } finally {
    // (No `catch` here: with catch-and-rethrow plus this finally, Boa's async generators lose
    // the exception. An error thrown by read() or into the iterator leaves `error` undefined,
    // which destroys the stream below, as Node does.)
    if ((error || options?.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
      destroyer(stream, null);
    } else {
      stream.off('readable', onReadable);
      stopWatching();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Getters

function getters(proto, table) {
  for (const [name, desc] of Object.entries(table)) {
    Object.defineProperty(proto, name, { enumerable: false, configurable: true, ...desc });
  }
}

getters(Readable.prototype, {
  readable: {
    get() {
      const r = this._readableState;
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    },
    set(value) {
      if (this._readableState) this._readableState.readable = !!value;
    },
  },
  readableDidRead: { get() { return this._readableState.dataEmitted; } },
  readableAborted: {
    get() {
      const r = this._readableState;
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    },
  },
  readableHighWaterMark: { get() { return this._readableState.highWaterMark; } },
  readableBuffer: { get() { return this._readableState && this._readableState.buffer; } },
  readableFlowing: {
    get() { return this._readableState.flowing; },
    set(value) { if (this._readableState) this._readableState.flowing = value; },
  },
  readableLength: { get() { return this._readableState.length; } },
  readableObjectMode: { get() { return this._readableState ? this._readableState.objectMode : false; } },
  readableEncoding: { get() { return this._readableState ? this._readableState.encoding : null; } },
  errored: { get() { return this._readableState ? this._readableState.errored : null; } },
  closed: { get() { return this._readableState ? this._readableState.closed : false; } },
  destroyed: {
    get() { return this._readableState ? this._readableState.destroyed : false; },
    set(value) { if (this._readableState) this._readableState.destroyed = value; },
  },
  readableEnded: { get() { return this._readableState ? this._readableState.endEmitted : false; } },
});

// ---------------------------------------------------------------------------------------------
// Readable.from / Readable.wrap

Readable.from = function from(iterable, options) {
  return readableFrom(Readable, iterable, options);
};

Readable.wrap = function wrap(source, options) {
  return new Readable({
    objectMode: source.readableObjectMode ?? source.objectMode ?? true,
    ...options,
    destroy(err, callback) {
      destroyer(source, err);
      callback(err);
    },
  }).wrap(source);
};

/** A Readable over an iterable or async iterable (strings and buffers are one chunk). */
export function readableFrom(ReadableClass, iterable, options) {
  if (typeof iterable === 'string' || iterable instanceof Buffer) {
    return new ReadableClass({
      objectMode: true,
      ...options,
      read() {
        this.push(iterable);
        this.push(null);
      },
    });
  }
  let iterator;
  let isAsync;
  if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
    isAsync = true;
    iterator = iterable[Symbol.asyncIterator]();
  } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
    isAsync = false;
    iterator = iterable[Symbol.iterator]();
  } else {
    throw new ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  }

  const readable = new ReadableClass({ objectMode: true, highWaterMark: 1, ...options });
  let reading = false;

  readable._read = function () {
    if (reading) return;
    reading = true;
    pull();
  };

  readable._destroy = function (error, cb) {
    closeIterator(error).then(() => tick(cb, error), (err) => tick(cb, err || error));
  };

  async function closeIterator(error) {
    const hadError = error !== undefined && error !== null;
    const hasThrow = typeof iterator.throw === 'function';
    if (hadError && hasThrow) {
      const { value, done } = await iterator.throw(error);
      await value;
      if (done) return;
    }
    if (typeof iterator.return === 'function') {
      const { value } = await iterator.return();
      await value;
    }
  }

  async function pull() {
    for (;;) {
      try {
        let step;
        if (isAsync) {
          step = await iterator.next();
        } else {
          step = iterator.next();
          if (step.value && typeof step.value.then === 'function') step = { value: await step.value, done: step.done };
        }
        if (step.done) {
          readable.push(null);
        } else {
          const value = step.value;
          if (value === null) {
            reading = false;
            throw new ERR_STREAM_NULL_VALUES();
          }
          if (readable.push(value)) continue;
        }
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
    reading = false;
  }
  return readable;
}

export { kIsDestroyed };
