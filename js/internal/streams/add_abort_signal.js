// `addAbortSignal(signal, stream)`: aborting the signal destroys the stream with an AbortError.

import { AbortError, codes } from 'internal/errors';
import { validateAbortSignal } from 'internal/validators';
import { isNodeStream, isWebStream, kControllerErrorFunction } from 'internal/streams/utils';
import { finished } from 'internal/streams/end_of_stream';

const { ERR_INVALID_ARG_TYPE } = codes;

export function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isWebStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

export function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || !('aborted' in signal)) return stream;
  const onAbort = isNodeStream(stream)
    ? () => stream.destroy(new AbortError(undefined, { cause: signal.reason }))
    : () => stream[kControllerErrorFunction](new AbortError(undefined, { cause: signal.reason }));
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    finished(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}
