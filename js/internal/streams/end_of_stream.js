// `finished(stream, [options], callback)`: calls back once when the stream is done — ended
// (readable side), finished (writable side), errored, or closed early (ERR_STREAM_PREMATURE_CLOSE).
// Returns a function that removes every listener it added.

import { AbortError, codes } from 'internal/errors';
import { validateAbortSignal, validateBoolean, validateFunction, validateObject } from 'internal/validators';
import {
  callOnce, isClosed, isNodeStream, isReadable, isReadableErrored, isReadableFinished, isReadableNodeStream,
  isReadableStream, isRequest, isWritable, isWritableErrored, isWritableFinished, isWritableNodeStream,
  isWritableStream, kIsClosedPromise, nop, tick, willEmitClose,
} from 'internal/streams/utils';

const { ERR_INVALID_ARG_TYPE, ERR_STREAM_PREMATURE_CLOSE } = codes;

export function finished(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  validateFunction(callback, 'callback');
  validateAbortSignal(options.signal, 'options.signal');
  callback = callOnce(callback);

  if (isReadableStream(stream) || isWritableStream(stream)) return finishedWeb(stream, options, callback);
  if (!isNodeStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }

  const readable = options.readable ?? isReadableNodeStream(stream);
  const writable = options.writable ?? isWritableNodeStream(stream);
  const ws = stream._writableState;
  const rs = stream._readableState;

  // When the stream will emit 'close' itself, wait for it rather than report at 'end'/'finish'.
  let waitForClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable &&
    isWritableNodeStream(stream) === writable;
  let writableDone = isWritableFinished(stream, false);
  let readableDone = isReadableFinished(stream, false);
  let closed = isClosed(stream);

  const report = (err) => callback.call(stream, err);

  const onFinish = () => {
    writableDone = true;
    if (stream.destroyed) waitForClose = false;
    if (waitForClose && (!stream.readable || readable)) return;
    if (!readable || readableDone) report();
  };
  const onEnd = () => {
    readableDone = true;
    if (stream.destroyed) waitForClose = false;
    if (waitForClose && (!stream.writable || writable)) return;
    if (!writable || writableDone) report();
  };
  const onLegacyFinish = () => {
    if (!stream.writable) onFinish();
  };
  const onError = (err) => report(err);
  const errorOf = () => {
    const err = isWritableErrored(stream) || isReadableErrored(stream);
    return err && typeof err !== 'boolean' ? err : null;
  };
  const onClose = () => {
    closed = true;
    const err = errorOf();
    if (err) return report(err);
    if (readable && !readableDone && isReadableNodeStream(stream, true) && !isReadableFinished(stream, false)) {
      return report(new ERR_STREAM_PREMATURE_CLOSE());
    }
    if (writable && !writableDone && !isWritableFinished(stream, false)) {
      return report(new ERR_STREAM_PREMATURE_CLOSE());
    }
    report();
  };
  const onClosedAlready = () => {
    closed = true;
    report(errorOf() || undefined);
  };
  const onRequest = () => stream.req.on('finish', onFinish);

  if (isRequest(stream)) {
    stream.on('complete', onFinish);
    if (!waitForClose) stream.on('abort', onClose);
    if (stream.req) onRequest();
    else stream.on('request', onRequest);
  } else if (writable && !ws) {
    // An old-style writable: 'end' or 'close' with `writable` false means done.
    stream.on('end', onLegacyFinish);
    stream.on('close', onLegacyFinish);
  }
  if (!waitForClose && typeof stream.aborted === 'boolean') stream.on('aborted', onClose);

  stream.on('end', onEnd);
  stream.on('finish', onFinish);
  if (options.error !== false) stream.on('error', onError);
  stream.on('close', onClose);

  if (closed) {
    tick(onClose);
  } else if (ws?.errorEmitted || rs?.errorEmitted) {
    if (!waitForClose) tick(onClosedAlready);
  } else if (!readable && (!waitForClose || isReadable(stream)) && (writableDone || isWritable(stream) === false) && noWritesPending(ws)) {
    tick(onClosedAlready);
  } else if (!writable && (!waitForClose || isWritable(stream)) && (readableDone || isReadable(stream) === false)) {
    tick(onClosedAlready);
  } else if (rs && stream.req && stream.aborted) {
    tick(onClosedAlready);
  }

  const cleanup = () => {
    callback = nop;
    stream.removeListener('aborted', onClose);
    stream.removeListener('complete', onFinish);
    stream.removeListener('abort', onClose);
    stream.removeListener('request', onRequest);
    if (stream.req) stream.req.removeListener('finish', onFinish);
    stream.removeListener('end', onLegacyFinish);
    stream.removeListener('close', onLegacyFinish);
    stream.removeListener('finish', onFinish);
    stream.removeListener('end', onEnd);
    stream.removeListener('error', onError);
    stream.removeListener('close', onClose);
  };

  if (options.signal && !closed) {
    const signal = options.signal;
    const onAbort = () => {
      const done = callback;
      cleanup();
      done.call(stream, new AbortError(undefined, { cause: signal.reason }));
    };
    if (signal.aborted) {
      tick(onAbort);
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
      const done = callback;
      callback = callOnce((...args) => {
        signal.removeEventListener('abort', onAbort);
        done.apply(stream, args);
      });
    }
  }
  return cleanup;
}

/** No write or end() still in progress (old implementations have no `pendingcb`: none known). */
function noWritesPending(ws) {
  return ws == null || ws.pendingcb === undefined || ws.pendingcb === 0;
}

/** `finished` for WHATWG streams: their `closed` promise (set by the web streams) or reader. */
function finishedWeb(stream, options, callback) {
  let settled = false;
  let onAbort = nop;
  if (options.signal) {
    onAbort = () => {
      settled = true;
      callback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
    };
    if (options.signal.aborted) tick(onAbort);
    else options.signal.addEventListener('abort', onAbort, { once: true });
  }
  const resolved = () => { if (!settled) { options.signal?.removeEventListener('abort', onAbort); callback.call(stream); } };
  const rejected = (err) => { if (!settled) { options.signal?.removeEventListener('abort', onAbort); callback.call(stream, err); } };
  const closedPromise = stream[kIsClosedPromise]?.promise;
  if (closedPromise) {
    closedPromise.then(resolved, rejected);
  } else if (isReadableStream(stream) && !stream.locked) {
    const reader = stream.getReader();
    reader.closed.then(resolved, rejected).finally(() => { try { reader.releaseLock(); } catch { /* released */ } });
  } else if (isWritableStream(stream) && !stream.locked) {
    const writer = stream.getWriter();
    writer.closed.then(resolved, rejected).finally(() => { try { writer.releaseLock(); } catch { /* released */ } });
  }
  return nop;
}

/** `stream/promises`' finished. */
export function finishedPromise(stream, options) {
  let autoCleanup = false;
  if (options?.cleanup !== undefined) {
    validateBoolean(options.cleanup, 'cleanup');
    autoCleanup = options.cleanup;
  }
  return new Promise((resolve, reject) => {
    const cleanup = finished(stream, options, (err) => {
      if (autoCleanup) cleanup();
      if (err) reject(err);
      else resolve();
    });
  });
}
