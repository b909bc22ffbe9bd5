// Module `stream`: Node's streams for wasmedge_boa. The classes and helpers live in
// js/internal/streams/ (one file per concern: readable, writable, duplex, transform, destroy,
// end_of_stream, pipeline/compose, operators, web adapters); this module assembles the public
// `stream` object. They follow Node's state machine and event order, with every deferred step
// on process.nextTick (see docs/node-compat.md).

import { Buffer } from 'buffer';
import { Stream } from 'internal/streams/legacy';
import { Readable } from 'internal/streams/readable';
import { Writable } from 'internal/streams/writable';
import { Duplex, duplexPair } from 'internal/streams/duplex';
import { Transform, PassThrough } from 'internal/streams/transform';
import { finished, finishedPromise } from 'internal/streams/end_of_stream';
import { pipeline, pipelinePromise, compose } from 'internal/streams/pipeline';
import { validateAbortSignal, validateObject } from 'internal/validators';

const composeStreams = compose;
import { addAbortSignal } from 'internal/streams/add_abort_signal';
import { destroyer } from 'internal/streams/destroy';
import {
  getDefaultHighWaterMark, setDefaultHighWaterMark, isDestroyed, isDisturbed, isErrored, isReadable, isWritable,
} from 'internal/streams/utils';
import 'internal/streams/operators';
import 'internal/streams/web_adapters';

export const promises = { pipeline: pipelinePromise, finished: finishedPromise };

/** `stream.destroy(stream, err)`: also for HTTP requests and bare emitters; AbortError if unfinished. */
export function destroy(stream, err) { destroyer(stream, err); }
export function _isArrayBufferView(value) { return ArrayBuffer.isView(value); }
export function _isUint8Array(value) { return value instanceof Uint8Array; }
export function _uint8ArrayToBuffer(chunk) { return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength); }

export {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal, compose,
  duplexPair, isDestroyed, isDisturbed, isErrored, isReadable, isWritable, getDefaultHighWaterMark,
  setDefaultHighWaterMark,
};

Object.assign(Stream, {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal, compose,
  duplexPair, destroy, isDestroyed, isDisturbed, isErrored, isReadable, isWritable, _isArrayBufferView, _isUint8Array,
  _uint8ArrayToBuffer,
  getDefaultHighWaterMark, setDefaultHighWaterMark,
});
Object.defineProperty(Stream, 'promises', { value: promises, enumerable: true, configurable: true });
Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), {
  value: pipelinePromise, enumerable: true, configurable: true,
});
Object.defineProperty(finished, Symbol.for('nodejs.util.promisify.custom'), {
  value: finishedPromise, enumerable: true, configurable: true,
});

// readable.compose(stream): this stream piped through `stream`, as one Duplex.
Object.defineProperty(Readable.prototype, 'compose', {
  value: function compose(stream, options) {
    if (options != null) validateObject(options, 'options');
    if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
    const composed = composeStreams(this, stream);
    if (options?.signal) addAbortSignal(options.signal, composed);
    return composed;
  },
  writable: true,
  enumerable: false,
  configurable: true,
});

export default Stream;
