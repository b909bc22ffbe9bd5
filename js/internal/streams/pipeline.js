// pipeline(...stages, callback) and compose(...stages).
//
// A stage is a Node stream, a WHATWG stream, an iterable (first stage), or a function: the first
// may return an iterable; later ones get the previous stage as an async iterable (and
// `{ signal }`) and return an async iterable — or, for the last, a promise. Streams are
// connected with pipe() (back-pressure included); the first error (a premature close counts
// only when nothing better is known) destroys every stage, and the callback runs once, on a
// later tick, with the error or with the value the last function stage resolved to.

import { AbortError, codes } from 'internal/errors';
import { validateAbortSignal, validateFunction } from 'internal/validators';
import { Readable } from 'internal/streams/readable';
import { Duplex, forwardWrites, settle } from 'internal/streams/duplex';
import { PassThrough } from 'internal/streams/transform';
import { destroyer as destroyStage } from 'internal/streams/destroy';
import { finished } from 'internal/streams/end_of_stream';
import {
  callOnce, combineErrors, isIterable, isNodeStream, isReadable, isReadableFinished, isReadableNodeStream,
  isReadableStream, isTransformStream, isWebStream, isWritable, isWritableStream, tick,
} from 'internal/streams/utils';

const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_RETURN_VALUE, ERR_MISSING_ARGS,
  ERR_STREAM_DESTROYED, ERR_STREAM_PREMATURE_CLOSE,
} = codes;

export function pipeline(...streams) {
  const callback = streams.pop();
  validateFunction(callback, 'streams[stream.length - 1]');
  return runPipeline(streams, callOnce(callback));
}

/** The promise form (stream/promises): the last argument may be `{ signal, end }`. */
export function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    let options;
    const last = streams[streams.length - 1];
    if (last && typeof last === 'object' && !isNodeStream(last) && !isIterable(last) && !isWebStream(last)) {
      options = streams.pop();
    }
    runPipeline(streams, (err, value) => (err ? reject(err) : resolve(value)), options);
  });
}

/** Watches one stream of the pipeline; `destroy(err)` tears it down unless it finished cleanly. */
function watchStage(stream, reading, writing) {
  let done = false;
  stream.on('close', () => { done = true; });
  const cleanup = finished(stream, { readable: reading, writable: writing }, (err) => { done = !err; });
  return {
    destroy(err) {
      if (done) return;
      done = true;
      destroyStage(stream, err || new ERR_STREAM_DESTROYED('pipe'));
    },
    cleanup,
  };
}

export function runPipeline(streams, callback, options) {
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  if (streams.length < 2) throw new ERR_MISSING_ARGS('streams');

  const controller = new AbortController();
  const signal = controller.signal;
  const outerSignal = options?.signal;
  validateAbortSignal(outerSignal, 'options.signal');
  const onOuterAbort = () => settle(new AbortError(undefined, { cause: outerSignal?.reason }));
  outerSignal?.addEventListener('abort', onOuterAbort, { once: true });

  let error;
  let value;
  const destroys = [];
  const lastCleanups = [];
  let pending = 0;

  const stageDone = (err) => settle(err, --pending === 0);

  function settle(err, final) {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
    if (!error && !final) return;
    while (destroys.length) destroys.shift()(error);
    outerSignal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
    if (final) {
      if (!error) for (const fn of lastCleanups) fn();
      tick(callback, error, value);
    }
  }

  let ret;
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i];
    const reading = i < streams.length - 1;
    const writing = i > 0;
    const isLast = i === streams.length - 1;
    const end = reading || options?.end !== false;

    if (isNodeStream(stream)) {
      if (end) {
        const { destroy, cleanup } = watchStage(stream, reading, writing);
        destroys.push(destroy);
        if (isReadable(stream) && isLast) lastCleanups.push(cleanup);
      }
      // Errors after the data has gone through still fail the pipeline.
      const onError = (err) => {
        if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') stageDone(err);
      };
      stream.on('error', onError);
      if (isReadable(stream) && isLast) lastCleanups.push(() => stream.removeListener('error', onError));
    }

    if (i === 0) {
      if (typeof stream === 'function') {
        ret = stream({ signal });
        if (!isIterable(ret)) throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or Stream', 'source', ret);
      } else if (isIterable(stream) || isReadableNodeStream(stream) || isTransformStream(stream)) {
        ret = stream;
      } else {
        ret = Duplex.from(stream);
      }
    } else if (typeof stream === 'function') {
      ret = stream(asAsyncIterable(isTransformStream(ret) ? ret.readable : ret), { signal });
      if (reading) {
        if (!isIterable(ret, true)) throw new ERR_INVALID_RETURN_VALUE('AsyncIterable', `transform[${i - 1}]`, ret);
      } else {
        // The last stage is a sink: its result (a promise or an iterable) feeds a PassThrough.
        const sink = new PassThrough({ objectMode: true });
        const then = ret?.then;
        if (typeof then === 'function') {
          pending++;
          then.call(ret, (result) => {
            value = result;
            if (result != null) sink.write(result);
            if (end) sink.end();
            tick(stageDone);
          }, (err) => {
            sink.destroy(err);
            tick(stageDone, err);
          });
        } else if (isIterable(ret, true)) {
          pending++;
          pumpToNode(ret, sink, stageDone, { end });
        } else if (isReadableStream(ret) || isTransformStream(ret)) {
          pending++;
          pumpToNode(ret.readable || ret, sink, stageDone, { end });
        } else {
          throw new ERR_INVALID_RETURN_VALUE('AsyncIterable or Promise', 'destination', ret);
        }
        ret = sink;
        const { destroy, cleanup } = watchStage(ret, false, true);
        destroys.push(destroy);
        if (isLast) lastCleanups.push(cleanup);
      }
    } else if (isNodeStream(stream)) {
      if (isReadableNodeStream(ret)) {
        pending += 2;
        const cleanup = pipeInto(ret, stream, stageDone, { end });
        if (isReadable(stream) && isLast) lastCleanups.push(cleanup);
      } else if (isTransformStream(ret) || isReadableStream(ret)) {
        pending++;
        pumpToNode(ret.readable || ret, stream, stageDone, { end });
      } else if (isIterable(ret)) {
        pending++;
        pumpToNode(ret, stream, stageDone, { end });
      } else {
        throw new ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'], ret);
      }
      ret = stream;
    } else if (isWebStream(stream)) {
      const target = isTransformStream(stream) ? stream.writable : stream;
      if (isReadableNodeStream(ret)) {
        pending++;
        pumpToWeb(asAsyncIterable(ret), target, stageDone, { end });
      } else if (isReadableStream(ret) || isIterable(ret)) {
        pending++;
        pumpToWeb(ret, target, stageDone, { end });
      } else if (isTransformStream(ret)) {
        pending++;
        pumpToWeb(ret.readable, target, stageDone, { end });
      } else {
        throw new ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'], ret);
      }
      ret = stream;
    } else {
      ret = Duplex.from(stream);
    }
  }

  if (signal.aborted || outerSignal?.aborted) tick(onOuterAbort);
  return ret;
}

function asAsyncIterable(value) {
  if (isIterable(value)) return value;
  if (isReadableNodeStream(value)) return (async function* fromReadable() {
    yield* Readable.prototype[Symbol.asyncIterator].call(value);
  })();
  throw new ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable'], value);
}

/** src.pipe(dst) inside a pipeline: dst is ended by us once src ended (never on a premature close). */
function pipeInto(src, dst, done, { end }) {
  let ended = false;
  dst.on('close', () => {
    if (!ended) done(new ERR_STREAM_PREMATURE_CLOSE());
  });
  src.pipe(dst, { end: false });
  if (end) {
    const endDst = () => {
      ended = true;
      dst.end();
    };
    if (isReadableFinished(src)) tick(endDst);
    else src.once('end', endDst);
    finished(src, { readable: true, writable: false }, (err) => {
      const rs = src._readableState;
      if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && rs && rs.ended && !rs.errored && !rs.errorEmitted) {
        // Closed right after its last data: 'end' is still coming.
        src.once('end', done).once('error', done);
      } else {
        done(err);
      }
    });
  } else {
    done();
  }
  return finished(dst, { readable: false, writable: true }, done);
}

async function pumpToNode(iterable, writable, done, { end }) {
  let error;
  let wake = null;
  const resume = (err) => {
    if (err) error = err;
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  };
  const waitDrain = () => new Promise((resolve, reject) => {
    if (error) reject(error);
    else wake = () => (error ? reject(error) : resolve());
  });
  writable.on('drain', resume);
  const cleanup = finished(writable, { readable: false }, resume);
  try {
    if (writable.writableNeedDrain) await waitDrain();
    for await (const chunk of iterable) {
      if (!writable.write(chunk)) await waitDrain();
    }
    if (end) {
      writable.end();
      await waitDrain();
    }
    done();
  } catch (err) {
    done(error !== err ? combineErrors(error, err) : err);
  } finally {
    cleanup();
    writable.off('drain', resume);
  }
}

async function pumpToWeb(readable, writable, done, { end }) {
  if (isReadableStream(readable)) readable = asyncIterateWeb(readable);
  const writer = writable.getWriter();
  try {
    for await (const chunk of readable) {
      await writer.ready;
      writer.write(chunk).catch(() => {});
    }
    await writer.ready;
    if (end) await writer.close();
    done();
  } catch (err) {
    try {
      await writer.abort(err);
      done(err);
    } catch (abortErr) {
      done(abortErr);
    }
  }
}

async function* asyncIterateWeb(stream) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

// ---------------------------------------------------------------------------------------------
// compose: a pipeline as one Duplex (writes go to the first stage, reads come from the last).

export function compose(...streams) {
  if (streams.length === 0) throw new ERR_MISSING_ARGS('streams');
  if (streams.length === 1) return Duplex.from(streams[0]);
  const given = [...streams];
  if (typeof streams[0] === 'function') streams[0] = Duplex.from(streams[0]);
  const lastIndex = streams.length - 1;
  if (typeof streams[lastIndex] === 'function') streams[lastIndex] = Duplex.from(streams[lastIndex]);

  for (let n = 0; n < streams.length; n++) {
    const s = streams[n];
    if (!isNodeStream(s) && !isWebStream(s)) continue;
    if (n < lastIndex && !(isReadable(s) || isReadableStream(s) || isTransformStream(s))) {
      throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, given[n], 'must be readable');
    }
    if (n > 0 && !(isWritable(s) || isWritableStream(s) || isTransformStream(s))) {
      throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, given[n], 'must be writable');
    }
  }

  const owed = { drain: null, finish: null };
  let onReadable = null;
  let onClose; // undefined: running; a callback: destroying; null: done
  let d;

  const head = streams[0];
  const tail = runPipeline(streams, (err) => {
    const cb = onClose;
    onClose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
    else if (!readable && !writable) d.destroy();
  });
  const writable = !!(isWritable(head) || isWritableStream(head) || isTransformStream(head));
  const readable = !!(isReadable(tail) || isReadableStream(tail) || isTransformStream(tail));

  d = new Duplex({
    writableObjectMode: !!head?.writableObjectMode,
    readableObjectMode: !!tail?.readableObjectMode,
    writable,
    readable,
  });

  const call = (cb) => { if (cb) cb(); };

  if (writable) {
    if (isNodeStream(head)) {
      forwardWrites(d, head, owed);
    } else {
      const writer = (isTransformStream(head) ? head.writable : head).getWriter();
      d._write = async function (chunk, encoding, callback) {
        try {
          await writer.ready;
          writer.write(chunk).catch(() => {});
          callback();
        } catch (err) {
          callback(err);
        }
      };
      d._final = async function (callback) {
        try {
          await writer.ready;
          writer.close().catch(() => {});
          owed.finish = callback;
        } catch (err) {
          callback(err);
        }
      };
    }
    finished(isTransformStream(tail) ? tail.readable : tail, () => settle(owed, 'finish'));
  }

  if (readable) {
    if (isNodeStream(tail)) {
      tail.on('readable', () => {
        const cb = onReadable;
        onReadable = null;
        call(cb);
      });
      tail.on('end', () => d.push(null));
      d._read = function () {
        for (;;) {
          const chunk = tail.read();
          if (chunk === null) {
            onReadable = d._read;
            return;
          }
          if (!d.push(chunk)) return;
        }
      };
    } else {
      const reader = (isTransformStream(tail) ? tail.readable : tail).getReader();
      d._read = async function () {
        for (;;) {
          try {
            const { value, done } = await reader.read();
            if (!d.push(value)) return;
            if (done) {
              d.push(null);
              return;
            }
          } catch {
            return;
          }
        }
      };
    }
  }

  d._destroy = function (err, callback) {
    if (!err && onClose !== null) err = new AbortError();
    onReadable = null;
    owed.drain = owed.finish = null;
    if (onClose === null) {
      callback(err);
    } else {
      onClose = callback;
      if (isNodeStream(tail)) destroyStage(tail, err);
    }
  };
  return d;
}
