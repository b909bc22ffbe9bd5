// `Stream`, the base of every stream class, with the old `pipe()` for plain emitters that have
// only 'data'/'end' events and `pause`/`resume`.

import { EventEmitter } from 'events';

export function Stream(options) {
  EventEmitter.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  const onData = (chunk) => {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  };
  const onDrain = () => {
    if (source.readable && source.resume) source.resume();
  };
  source.on('data', onData);
  dest.on('drain', onDrain);

  let ended = false;
  const onEnd = () => {
    if (ended) return;
    ended = true;
    dest.end();
  };
  const onClose = () => {
    if (ended) return;
    ended = true;
    if (typeof dest.destroy === 'function') dest.destroy();
  };
  // stdout/stderr are never ended by a pipe; `{ end: false }` keeps dest open too.
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', onEnd);
    source.on('close', onClose);
  }
  // Called on whichever side failed: unhandled there, the error is thrown as usual.
  const onError = function onError(err) {
    cleanup();
    if (EventEmitter.listenerCount(this, 'error') === 0) this.emit('error', err);
  };
  prependListener(source, 'error', onError);
  prependListener(dest, 'error', onError);

  const cleanup = () => {
    source.removeListener('data', onData);
    dest.removeListener('drain', onDrain);
    source.removeListener('end', onEnd);
    source.removeListener('close', onClose);
    source.removeListener('error', onError);
    dest.removeListener('error', onError);
    source.removeListener('end', cleanup);
    source.removeListener('close', cleanup);
    dest.removeListener('close', cleanup);
  };
  source.on('end', cleanup);
  source.on('close', cleanup);
  dest.on('close', cleanup);
  dest.emit('pipe', source);
  return dest;
};

/** `emitter.prependListener`, also for emitters without one (old or foreign, as Node allows). */
export function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
  const events = emitter._events;
  if (!events || !events[event]) emitter.on(event, fn);
  else if (Array.isArray(events[event])) events[event].unshift(fn);
  else events[event] = [fn, events[event]];
  return emitter;
}
