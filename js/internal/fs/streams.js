// `fs.ReadStream` and `fs.WriteStream` (and `createReadStream`/`createWriteStream`): Node's
// file streams on top of `stream`'s Readable and Writable. They are plain constructor functions
// (callable without `new`, inheritable the old way: graceful-fs and friends do), open the file
// in `_construct` (so `pending` is true until then), accept a descriptor or a FileHandle as
// `fd`, custom `fs` operations (`options.fs`), `start`/`end`, `highWaterMark`, `flush`.
import { Buffer } from 'buffer';
import { Readable, Writable, finished } from 'stream';
import { codes } from 'internal/errors';
import { errorOrDestroy } from 'internal/streams/destroy';
import {
  getOptions, kEmptyObject, toPathIfFileURL, getValidatedFd, getValidatedPath, validateFunction, validateInteger, validateBoolean,
} from 'internal/fs/utils';

const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_METHOD_NOT_IMPLEMENTED, ERR_STREAM_DESTROYED } = codes;

const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kIoDone = Symbol('kIoDone');

let defaultFs;
/** fs.js hands its own functions over once they exist (the two modules import each other). */
export function setStreamFs(fs) {
  defaultFs = fs;
}

function isFileHandle(value) {
  return value !== null && typeof value === 'object' && typeof value.close === 'function' &&
    typeof value.fd === 'number' && value.constructor && value.constructor.name === 'FileHandle';
}

/** Operations through a FileHandle, shaped like fs's callback functions. */
function fileHandleOperations(handle) {
  const callbackOf = (promise, callback, shape) => {
    promise.then((result) => callback(null, ...shape(result)), (error) => callback(error));
  };
  return {
    open: (path, flags, mode, callback) => process.nextTick(callback, null, handle.fd),
    close: (fd, callback) => callbackOf(handle.close(), callback, () => []),
    read: (fd, buffer, offset, length, position, callback) =>
      callbackOf(handle.read(buffer, offset, length, position), callback, (r) => [r.bytesRead, r.buffer]),
    write: (fd, buffer, offset, length, position, callback) =>
      callbackOf(handle.write(buffer, offset, length, position), callback, (r) => [r.bytesWritten, r.buffer]),
    writev: (fd, buffers, position, callback) =>
      callbackOf(handle.writev(buffers, position), callback, (r) => [r.bytesWritten, r.buffers]),
    fsync: (fd, callback) => callbackOf(handle.sync(), callback, () => []),
  };
}

// Inherited options count too (Node copies with for-in).
function copyOptions(source) {
  const copy = {};
  for (const key in source) copy[key] = source[key];
  return copy;
}

function importFd(stream, options) {
  if (typeof options.fd === 'number') {
    if (stream[kFs] !== defaultFs && options.fs) return getValidatedFd(options.fd, 'options.fd');
    return getValidatedFd(options.fd, 'options.fd');
  }
  if (isFileHandle(options.fd)) {
    if (options.fs) throw new ERR_METHOD_NOT_IMPLEMENTED('FileHandle with fs');
    stream[kHandle] = options.fd;
    stream[kFs] = fileHandleOperations(options.fd);
    if (typeof options.fd.on === 'function') options.fd.on('close', () => stream.close());
    return options.fd.fd;
  }
  if (options.fd !== undefined && options.fd !== null) {
    throw new ERR_INVALID_ARG_TYPE('options.fd', ['number', 'FileHandle'], options.fd);
  }
  return null;
}

/** Opens the file (unless a descriptor was given), then 'open' and 'ready'. */
function construct(callback) {
  const stream = this;
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }
  if (stream.open !== openRead && stream.open !== openWrite) {
    // Code that replaced `open()` (old graceful-fs) emits 'open' itself.
    const emit = stream.emit;
    stream.emit = function (...args) {
      if (args[0] === 'open') {
        this.emit = emit;
        callback();
        return Reflect.apply(emit, this, args);
      }
      if (args[0] === 'error') {
        this.emit = emit;
        callback(args[1]);
        return undefined;
      }
      return Reflect.apply(emit, this, args);
    };
    stream.open();
    return;
  }
  stream[kFs].open(stream.path, stream.flags, stream.mode, (error, fd) => {
    if (error) {
      callback(error);
      return;
    }
    stream.fd = fd;
    callback();
    stream.emit('open', stream.fd);
    stream.emit('ready');
  });
}

function closeStream(stream, error, callback) {
  if (!stream.fd && stream.fd !== 0) {
    callback(error);
    return;
  }
  const close = () => {
    stream[kFs].close(stream.fd, (closeError) => callback(closeError || error));
    stream.fd = null;
  };
  if (stream.flush && typeof stream[kFs].fsync === 'function') {
    stream[kFs].fsync(stream.fd, (syncError) => {
      if (syncError) {
        error = error || syncError;
      }
      close();
    });
  } else {
    close();
  }
}

function destroy(error, callback) {
  if (this[kIsPerformingIO]) this.once(kIoDone, (ioError) => closeStream(this, error || ioError, callback));
  else closeStream(this, error, callback);
}

function checkOperations(stream, names) {
  for (const name of names) validateFunction(stream[kFs][name], `options.fs.${name}`);
}

// ---------------------------------------------------------------------------------------------

export function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = copyOptions(getOptions(options, kEmptyObject));
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  this[kFs] = options.fs || defaultFs;
  checkOperations(this, ['open', 'read', 'close']);
  this[kIsPerformingIO] = false;
  this.fd = importFd(this, options);
  // A stream opened on an fd has no path.
  if (this.fd === null) {
    this.path = toPathIfFileURL(path);
    getValidatedPath(this.path); // throws for a non-path (a number is a path here, not an fd)
  }
  this.flags = options.flags === undefined ? 'r' : options.flags;
  this.mode = options.mode === undefined ? 0o666 : options.mode;
  this.start = options.start;
  this.end = options.end;
  this.pos = undefined;
  this.bytesRead = 0;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end === undefined) {
    this.end = Infinity;
  } else if (this.end !== Infinity) {
    validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw new ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Reflect.apply(Readable, this, [options]);
  return undefined;
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

Object.defineProperty(ReadStream.prototype, 'autoClose', {
  get() { return this._readableState.autoDestroy; },
  set(value) { this._readableState.autoDestroy = value; },
  configurable: true,
});

// `open()` is deprecated and does nothing (the stream opens itself); a subclass or code that
// replaces it opens the file and emits 'open' itself (see construct).
const warnedOpen = new Set();
function warnOpenDeprecated(kind) {
  if (warnedOpen.has(kind)) return;
  warnedOpen.add(kind);
  process.emitWarning(`${kind}.prototype.open() is deprecated`, 'DeprecationWarning', 'DEP0135');
}
function openRead() {
  warnOpenDeprecated('ReadStream');
}
ReadStream.prototype.open = openRead;
ReadStream.prototype._construct = construct;

ReadStream.prototype._read = function _read(n) {
  n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  const buffer = Buffer.allocUnsafeSlow(n);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buffer, 0, n, this.pos, (error, bytesRead, data) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      this.emit(kIoDone, error);
      return;
    }
    if (error) {
      // With autoClose off, a failed read only reports the error (the fd stays open).
      errorOrDestroy(this, error);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      let chunk = data || buffer;
      if (bytesRead !== chunk.length) chunk = Buffer.from(chunk.subarray(0, bytesRead));
      this.push(chunk);
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype._destroy = destroy;

ReadStream.prototype.close = function close(callback) {
  if (typeof callback === 'function') finished(this, callback);
  this.destroy();
};

Object.defineProperty(ReadStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

// ---------------------------------------------------------------------------------------------

export function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = copyOptions(getOptions(options, kEmptyObject));
  options.decodeStrings = true;
  this[kFs] = options.fs || defaultFs;
  validateFunction(this[kFs].open, 'options.fs.open');
  if (!this[kFs].write && !this[kFs].writev) {
    throw new ERR_INVALID_ARG_TYPE('options.fs.write', 'function', this[kFs].write);
  }
  if (this[kFs].write) validateFunction(this[kFs].write, 'options.fs.write');
  if (this[kFs].writev) validateFunction(this[kFs].writev, 'options.fs.writev');
  validateFunction(this[kFs].close, 'options.fs.close');
  // Only one of _write/_writev: what the fs offers.
  if (!this[kFs].write) this._write = null;
  if (!this[kFs].writev) this._writev = null;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  this.fd = importFd(this, options);
  if (this.fd === null) {
    this.path = toPathIfFileURL(path);
    getValidatedPath(this.path); // throws for a non-path (a number is a path here, not an fd)
  }
  this.flags = options.flags === undefined ? 'w' : options.flags;
  this.mode = options.mode === undefined ? 0o666 : options.mode;
  this.flush = options.flush === undefined || options.flush === null ? false : options.flush;
  validateBoolean(this.flush, 'options.flush');
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  Reflect.apply(Writable, this, [options]);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
  return undefined;
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperty(WriteStream.prototype, 'autoClose', {
  get() { return this._writableState.autoDestroy; },
  set(value) { this._writableState.autoDestroy = value; },
  configurable: true,
});

function openWrite() {
  warnOpenDeprecated('WriteStream');
}
WriteStream.prototype.open = openWrite;
WriteStream.prototype._construct = construct;

WriteStream.prototype._write = function _write(data, encoding, callback) {
  this[kIsPerformingIO] = true;
  const start = this.pos;
  let idle = 0;
  // A short write, or EAGAIN from a non-blocking descriptor, writes the rest again (as Node's
  // stream does); more than five tries in a row that write nothing fail.
  const writeFrom = (offset) => this[kFs].write(this.fd, data, offset, data.length - offset,
    start === undefined ? start : start + offset, (error, bytes) => {
      if (error?.code === 'EAGAIN') { error = null; bytes = 0; }
      if (!this.destroyed && !error) {
        this.bytesWritten += bytes;
        idle = bytes ? 0 : idle + 1;
        offset += bytes;
        if (offset < data.length && idle <= 5) { writeFrom(offset); return; }
        if (offset < data.length) error = new Error('write failed');
      }
      this[kIsPerformingIO] = false;
      // A stream destroyed meanwhile reports it to the write (Node's ERR_STREAM_DESTROYED).
      callback(error || (this.destroyed ? new ERR_STREAM_DESTROYED('write') : undefined));
      if (this.destroyed) this.emit(kIoDone, error);
    });
  writeFrom(0);
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function _writev(chunks, callback) {
  const buffers = chunks.map(({ chunk }) => chunk);
  let size = 0;
  for (const buffer of buffers) size += buffer.length;
  this[kIsPerformingIO] = true;
  this[kFs].writev(this.fd, buffers, this.pos, (error, bytes) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      callback(error);
      this.emit(kIoDone, error);
      return;
    }
    if (error) {
      callback(error);
      return;
    }
    this.bytesWritten += bytes;
    callback();
  });
  if (this.pos !== undefined) this.pos += size;
};

WriteStream.prototype._destroy = destroy;

WriteStream.prototype.close = function close(callback) {
  if (callback) {
    if (this.closed) {
      process.nextTick(callback);
      return;
    }
    this.on('close', callback);
  }
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

WriteStream.prototype.destroySoon = WriteStream.prototype.end;

Object.defineProperty(WriteStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

export function createReadStream(path, options) {
  return new ReadStream(path, options);
}

export function createWriteStream(path, options) {
  return new WriteStream(path, options);
}

export default { ReadStream, WriteStream, createReadStream, createWriteStream, setStreamFs };
