// Shared helpers of the stream modules: what kind of stream a value is, and where a stream
// stands (ended, finished, destroyed...). These read both our own stream state and the public
// getters, so streams from other libraries (with only `.on`/`.pipe`/`.write`) are understood too.

import { Buffer } from 'buffer';
import { codes } from 'internal/errors';
import { validateInteger } from 'internal/validators';

const { ERR_INVALID_ARG_VALUE } = codes;

export const kIsDestroyed = Symbol.for('nodejs.stream.destroyed');
export const kIsErrored = Symbol('kIsErrored');
export const kIsReadable = Symbol('kIsReadable');
export const kIsWritable = Symbol('kIsWritable');
export const kIsDisturbed = Symbol('kIsDisturbed');
export const kIsClosedPromise = Symbol.for('nodejs.webstream.isClosedPromise');
export const kControllerErrorFunction = Symbol.for('nodejs.webstream.controllerErrorFunction');

/** Runs `fn(...args)` on Node's next-tick queue (before promise jobs in a Node program). */
export function tick(fn, ...args) {
  globalThis.process.nextTick(fn, ...args);
}

export function nop() {}

/** `fn` made callable once; later calls are ignored. */
export function callOnce(fn) {
  let done = false;
  return function onceWrapper(...args) {
    if (done) return;
    done = true;
    return Reflect.apply(fn, this, args);
  };
}

// ---------------------------------------------------------------------------------------------
// highWaterMark

let defaultBytes = 16 * 1024;
let defaultObjects = 16;

export function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultObjects : defaultBytes;
}

export function setDefaultHighWaterMark(objectMode, value) {
  validateInteger(value, 'value', 0);
  if (objectMode) defaultObjects = value;
  else defaultBytes = value;
}

/** `defaultEncoding` from options: utf8 by default, an unknown encoding throws. */
export function defaultEncodingFrom(options) {
  const encoding = options ? options.defaultEncoding : undefined;
  if (encoding == null) return 'utf8';
  if (!Buffer.isEncoding(encoding)) throw new codes.ERR_UNKNOWN_ENCODING(encoding);
  return encoding;
}

/** Seeds `_events` with the stream's usual event names (Node does; it shows in key order). */
export function seedEvents(stream, names) {
  if (stream._events !== undefined && stream._events !== Object.getPrototypeOf(stream)._events) return;
  const events = Object.create(null);
  for (const name of names) events[name] = undefined;
  stream._events = events;
}

/** The highWaterMark from `options` (the side-specific key first for duplex streams). */
export function highWaterMarkFrom(options, sideKey, isDuplex, objectMode) {
  let value = options ? options.highWaterMark : undefined;
  let name = 'options.highWaterMark';
  if (value == null && isDuplex && options) {
    value = options[sideKey];
    name = `options.${sideKey}`;
  }
  if (value == null) return getDefaultHighWaterMark(objectMode);
  if (!Number.isInteger(value) || value < 0) throw new ERR_INVALID_ARG_VALUE(name, value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Chunks

export function isUint8Array(value) {
  return value instanceof Uint8Array;
}

/** Any TypedArray or DataView: written and pushed as a Buffer over the same memory. */
export function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

export function asBuffer(chunk) {
  if (chunk instanceof Buffer) return chunk;
  if (!(chunk instanceof Uint8Array)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

// ---------------------------------------------------------------------------------------------
// What a value is

export function isReadableNodeStream(obj, strict = false) {
  return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
    (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
    (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)));
}

export function isWritableNodeStream(obj) {
  return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
}

export function isDuplexNodeStream(obj) {
  return !!(obj && typeof obj.pipe === 'function' && obj._readableState && typeof obj.on === 'function' &&
    typeof obj.write === 'function');
}

export function isNodeStream(obj) {
  return !!(obj && (obj._readableState || obj._writableState ||
    (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}

export function isReadableStream(obj) {
  return !!(obj && !isNodeStream(obj) && typeof obj.pipeThrough === 'function' &&
    typeof obj.getReader === 'function' && typeof obj.cancel === 'function');
}

export function isWritableStream(obj) {
  return !!(obj && !isNodeStream(obj) && typeof obj.getWriter === 'function' && typeof obj.abort === 'function');
}

export function isTransformStream(obj) {
  return !!(obj && !isNodeStream(obj) && typeof obj.readable === 'object' && typeof obj.writable === 'object');
}

export function isWebStream(obj) {
  return isReadableStream(obj) || isWritableStream(obj) || isTransformStream(obj);
}

export function isIterable(obj, isAsync) {
  if (obj == null) return false;
  if (isAsync === true) return typeof obj[Symbol.asyncIterator] === 'function';
  if (isAsync === false) return typeof obj[Symbol.iterator] === 'function';
  return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
}

export function isOutgoingMessage(stream) {
  return !!stream && typeof stream._closed === 'boolean' && typeof stream._defaultKeepAlive === 'boolean' &&
    typeof stream._removedConnection === 'boolean' && typeof stream._removedContLen === 'boolean';
}

export function isServerResponse(stream) {
  return !!stream && typeof stream._sent100 === 'boolean' && isOutgoingMessage(stream);
}

export function isServerRequest(stream) {
  return !!stream && typeof stream._consuming === 'boolean' && typeof stream._dumped === 'boolean' &&
    stream.req?.upgradeOrConnect === undefined;
}

export function isRequest(stream) {
  return !!stream && !!stream.setHeader && typeof stream.abort === 'function';
}

// ---------------------------------------------------------------------------------------------
// Where a stream stands

export function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || state?.destroyed);
}

export function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const ws = stream._writableState;
  if (ws?.errored) return false;
  if (typeof ws?.ended !== 'boolean') return null;
  return ws.ended;
}

export function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableFinished === true) return true;
  const ws = stream._writableState;
  if (ws?.errored) return false;
  if (typeof ws?.finished !== 'boolean') return null;
  return !!(ws.finished || (strict === false && ws.ended === true && ws.length === 0));
}

export function isReadableEnded(stream) {
  if (!isReadableNodeStream(stream)) return null;
  if (stream.readableEnded === true) return true;
  const rs = stream._readableState;
  if (!rs || rs.errored) return false;
  if (typeof rs?.ended !== 'boolean') return null;
  return rs.ended;
}

export function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  const rs = stream._readableState;
  if (rs?.errored) return false;
  if (typeof rs?.endEmitted !== 'boolean') return null;
  return !!(rs.endEmitted || (strict === false && rs.ended === true && rs.length === 0));
}

export function isReadable(stream) {
  if (stream && stream[kIsReadable] != null) return stream[kIsReadable];
  if (typeof stream?.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

export function isWritable(stream) {
  if (stream && stream[kIsWritable] != null) return stream[kIsWritable];
  if (typeof stream?.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

export function isFinished(stream, options) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if (options?.readable !== false && isReadable(stream)) return false;
  if (options?.writable !== false && isWritable(stream)) return false;
  return true;
}

export function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.writableErrored) return stream.writableErrored;
  return stream._writableState?.errored ?? null;
}

export function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.readableErrored) return stream.readableErrored;
  return stream._readableState?.errored ?? null;
}

export function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  if (typeof stream.closed === 'boolean') return stream.closed;
  const ws = stream._writableState;
  const rs = stream._readableState;
  if (typeof ws?.closed === 'boolean' || typeof rs?.closed === 'boolean') return ws?.closed || rs?.closed;
  if (typeof stream._closed === 'boolean' && isOutgoingMessage(stream)) return stream._closed;
  return null;
}

/** Whether the stream will emit 'close' by itself once done (autoDestroy + emitClose). */
export function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return (!state && isServerResponse(stream)) || !!(state && state.autoDestroy && state.emitClose && state.closed === false);
}

export function isDisturbed(stream) {
  return !!(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
}

export function isErrored(stream) {
  return !!(stream && (stream[kIsErrored] ?? stream.readableErrored ?? stream.writableErrored ??
    stream._readableState?.errorEmitted ?? stream._writableState?.errorEmitted ??
    stream._readableState?.errored ?? stream._writableState?.errored));
}

/** One error out of two: the first, or an AggregateError-like pair when both exist. */
export function combineErrors(first, second) {
  if (first && second && first !== second) {
    if (Array.isArray(second.errors)) {
      second.errors.push(first);
      return second;
    }
    const err = new AggregateError([first, second], second.message);
    err.code = second.code;
    return err;
  }
  return first || second;
}
