// Bridges between Node streams and WHATWG streams: Readable.fromWeb/toWeb,
// Writable.fromWeb/toWeb and Duplex.fromWeb/toWeb, with back-pressure both ways. The web stream
// classes are the runtime's globals.

import { Buffer } from 'buffer';
import { codes } from 'internal/errors';
import { Readable } from 'internal/streams/readable';
import { Writable } from 'internal/streams/writable';
import { Duplex } from 'internal/streams/duplex';

function streamError(message, code, Kind = Error) {
  const err = new Kind(message);
  err.code = code;
  return err;
}


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

Duplex.fromWeb = function fromWeb(pair, options = {}) {
  if (!pair || !(pair.readable instanceof globalThis.ReadableStream) || !(pair.writable instanceof globalThis.WritableStream)) {
    throw new codes.ERR_INVALID_ARG_TYPE('pair', 'ReadableWritablePair', pair);
  }
  const readable = Readable.fromWeb(pair.readable, { ...options, objectMode: options.objectMode ?? options.readableObjectMode });
  const writable = Writable.fromWeb(pair.writable, { ...options, objectMode: options.objectMode ?? options.writableObjectMode });
  return Duplex.from({ readable, writable });
};

Duplex.toWeb = function toWeb(duplex) {
  return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
};
