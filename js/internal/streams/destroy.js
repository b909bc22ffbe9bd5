// Destroying streams, reporting their errors, and running `_construct` first.
//
// Observable order (Node's): `destroy(err)` marks the state destroyed at once and records the
// error; `_destroy` runs right away (or once `_construct` has called back); when it calls back,
// the state is `closed`, the destroy callback runs, and on the next tick 'error' (once per stream)
// then 'close' are emitted.

import { AbortError, codes } from 'internal/errors';
import { combineErrors, isDestroyed, isFinished, isRequest, isServerRequest, kIsDestroyed, tick } from 'internal/streams/utils';

const { ERR_MULTIPLE_CALLBACK, ERR_INVALID_ARG_TYPE } = codes;

const kDestroyWhenConstructed = Symbol('kDestroyWhenConstructed');
const kConstructed = Symbol('kConstructed');

function statesOf(stream) {
  return [stream._readableState, stream._writableState].filter(Boolean);
}

function recordError(err, states) {
  if (!err) return;
  void err.stack; // capture the stack now, as it was at the failure
  for (const state of states) if (!state.errored) state.errored = err;
}

/** `stream.destroy(err, cb)` for Readable, Writable and Duplex. */
export function destroy(err, cb) {
  const states = statesOf(this);
  if (states.some((s) => s.destroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }
  recordError(err, states);
  for (const state of states) state.destroyed = true;
  if (states.every((s) => s.constructed)) runDestroy(this, err, cb);
  else this.once(kDestroyWhenConstructed, (constructErr) => runDestroy(this, combineErrors(constructErr, err), cb));
  return this;
}

function runDestroy(stream, err, cb) {
  let called = false;
  const onDestroyed = (error) => {
    if (called) return;
    called = true;
    const states = statesOf(stream);
    recordError(error, states);
    for (const state of states) state.closed = true;
    if (typeof cb === 'function') cb(error);
    if (error) tick(emitErrorThenClose, stream, error);
    else tick(emitClose, stream);
  };
  try {
    stream._destroy(err || null, onDestroyed);
  } catch (thrown) {
    onDestroyed(thrown);
  }
}

function emitErrorThenClose(stream, err) {
  emitError(stream, err);
  emitClose(stream);
}

function emitClose(stream) {
  const states = statesOf(stream);
  for (const state of states) state.closeEmitted = true;
  if (states.some((s) => s.emitClose)) stream.emit('close');
}

function emitError(stream, err) {
  const states = statesOf(stream);
  if (states.some((s) => s.errorEmitted)) return;
  for (const state of states) state.errorEmitted = true;
  stream.emit('error', err);
}

/** Brings a destroyed stream back to its initial state (used by net.Socket on reconnect). */
export function undestroy() {
  const r = this._readableState;
  const w = this._writableState;
  for (const state of [r, w]) {
    if (!state) continue;
    state.constructed = true;
    state.closed = false;
    state.closeEmitted = false;
    state.destroyed = false;
    state.errored = null;
    state.errorEmitted = false;
  }
  if (r) {
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.finalCalled = false;
    w.prefinished = false;
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finished = w.writable === false;
  }
}

/**
 * An error found by the stream machinery: destroys the stream when it auto-destroys, otherwise
 * records it and emits 'error' (on the next tick when `sync`).
 */
export function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState;
  const w = stream._writableState;
  if (w?.destroyed || r?.destroyed) return;
  if (r?.autoDestroy || w?.autoDestroy) {
    stream.destroy(err);
  } else if (err) {
    recordError(err, statesOf(stream));
    if (sync) tick(emitError, stream, err);
    else emitError(stream, err);
  }
}

/** Runs `stream._construct` (if any) on the next tick; `then` runs after it succeeded. */
export function construct(stream, then) {
  if (typeof stream._construct !== 'function') return;
  for (const state of statesOf(stream)) state.constructed = false;
  stream.once(kConstructed, then);
  if (stream.listenerCount(kConstructed) > 1) return; // a duplex asks once per side
  tick(startConstruct, stream);
}

function startConstruct(stream) {
  let called = false;
  const done = (err) => {
    if (called) {
      errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    const states = statesOf(stream);
    for (const state of states) state.constructed = true;
    if (states.some((s) => s.destroyed)) stream.emit(kDestroyWhenConstructed, err);
    else if (err) errorOrDestroy(stream, err, true);
    else tick(() => stream.emit(kConstructed));
  };
  try {
    stream._construct((err) => tick(done, err));
  } catch (err) {
    tick(done, err);
  }
}

/**
 * Destroys any stream-like value the way pipeline/compose need: HTTP requests are aborted,
 * objects with only `close()` are closed, bare emitters get 'error'/'close'.
 */
export function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) return;
  if (!err && !isFinished(stream)) err = new AbortError();
  if (isServerRequest(stream)) {
    stream.socket = null;
    stream.destroy(err);
  } else if (isRequest(stream)) {
    stream.abort();
  } else if (isRequest(stream.req)) {
    stream.req.abort();
  } else if (typeof stream.destroy === 'function') {
    stream.destroy(err);
  } else if (typeof stream.close === 'function') {
    stream.close();
  } else if (err) {
    tick(() => stream.emit('error', err));
  } else {
    tick(() => stream.emit('close'));
  }
  if (!stream.destroyed) stream[kIsDestroyed] = true;
}

/** `stream.destroy(stream, err)`, the module-level helper. */
export function destroyStream(stream, err) {
  if (stream && typeof stream.destroy === 'function') stream.destroy(err);
  else destroyer(stream, err);
}

export { ERR_INVALID_ARG_TYPE };
