// Module `fs/promises` (also `fs.promises`): the promise form of `fs`, and FileHandle.
//
// Every function is async, so a bad argument rejects (with the same Node error the other forms
// throw, from internal/fs/utils) rather than throwing. Operations settle on a later turn of the
// event loop. A FileHandle is an EventEmitter ('close'); once closed its `fd` is -1 and its
// operations reject with EBADF ('file closed').
import * as binding from '_boa:fs';
import { Buffer } from 'buffer';
import { EventEmitter } from 'events';
import { codes, AbortError } from 'internal/errors';
import {
  constants, kIoMaxLength, kEmptyObject, getValidatedPath, stringToFlags, parseFileMode,
  toUnixTimestamp, validateId, validateSymlinkType, validateBufferArg, validateOffsetLengthRead,
  validateOffsetLengthWrite, validatePosition, normalizePosition, getOptions, getValidMode, encodeName, makeStats,
  Dirent, direntType, joinPath, bytesOf, validateRmOptions, validateBoolean, validateObject, validateInteger,
  eisdirError,
} from 'internal/fs/utils';
import { opendirSync } from 'internal/fs/dir';
import { cpAsync } from 'internal/fs/cp';
import { watchAsync } from 'internal/fs/watchers';
import { createReadStream as makeReadStream, createWriteStream as makeWriteStream } from 'internal/fs/streams';

const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_FS_FILE_TOO_LARGE, ERR_METHOD_NOT_IMPLEMENTED,
  ERR_FEATURE_UNAVAILABLE_ON_PLATFORM,
} = codes;

export { constants };

/** Settles on a later turn, as Node's thread-pool operations do. */
function turn() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function run(operation) {
  await turn();
  return operation();
}

function checkSignal(signal) {
  if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

// ---------------------------------------------------------------------------------------------
// FileHandle.

function closedError(syscall) {
  const error = new Error('file closed');
  error.code = 'EBADF';
  error.syscall = syscall;
  return error;
}

export class FileHandle extends EventEmitter {
  #fd;
  #closing = null;
  // Operations started and not finished: close() waits for them, as Node's does (a read that
  // one task queued still completes when another task closes the handle meanwhile).
  #inFlight = 0;
  #lastOperationDone = null;

  constructor(fd) {
    super();
    this.#fd = fd;
  }

  get fd() { return this.#fd; }

  getAsyncId() { return this.#fd; }

  /** Runs `operation(fd)` on a later turn unless the handle is closed (EBADF `file closed`). */
  async #call(syscall, operation) {
    if (this.#fd === -1) throw closedError(syscall);
    this.#inFlight++;
    try {
      await turn();
      return operation(this.#fd);
    } finally {
      if (--this.#inFlight === 0 && this.#lastOperationDone) this.#lastOperationDone();
    }
  }

  appendFile(data, options) {
    options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
    return this.writeFile(data, { ...options, flag: 'a' });
  }

  chmod(mode) {
    mode = parseFileMode(mode, 'mode');
    return this.#call('fchmod', (fd) => { binding.fchmod(fd, mode); });
  }

  chown(uid, gid) {
    validateId(uid, 'uid');
    validateId(gid, 'gid');
    return this.#call('fchown', (fd) => { binding.fstat(fd); });
  }

  datasync() { return this.#call('fdatasync', (fd) => { binding.fsync(fd); }); }

  sync() { return this.#call('fsync', (fd) => { binding.fsync(fd); }); }

  async read(bufferOrOptions, offset, length, position) {
    let buffer = bufferOrOptions;
    if (!ArrayBuffer.isView(buffer)) {
      if (bufferOrOptions !== undefined) validateObject(bufferOrOptions, 'options', { nullable: true });
      ({ buffer = Buffer.alloc(16384), offset = 0, length = buffer.byteLength - offset, position = null } =
        bufferOrOptions || kEmptyObject);
      validateBufferArg(buffer);
    }
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
    }
    if (offset === null || offset === undefined) offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (length === null || length === undefined) length = buffer.byteLength - offset;
    if (length === 0) return { __proto__: null, bytesRead: length, buffer };
    if (buffer.byteLength === 0) throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
    validateOffsetLengthRead(offset, length, buffer.byteLength);
    if (position === null || position === undefined) position = -1;
    else validatePosition(position, 'position', length);
    const at = normalizePosition(position);
    const bytesRead = await this.#call('read', (fd) => binding.read(fd, buffer, offset, length, at));
    return { __proto__: null, bytesRead: bytesRead || 0, buffer };
  }

  async readv(buffers, position) {
    validateBufferArray(buffers);
    if (typeof position !== 'number') position = null;
    const bytesRead = await this.#call('read', (fd) => readvFrom(fd, buffers, position));
    return { __proto__: null, bytesRead, buffers };
  }

  async readFile(options) {
    options = getOptions(options, { flag: 'r' });
    checkSignal(options.signal);
    const data = await this.#call('read', (fd) => readAllFrom(fd));
    checkSignal(options.signal);
    return options.encoding && options.encoding !== 'buffer' ? data.toString(options.encoding) : data;
  }

  async* readLines(options) {
    const text = await this.readFile({ ...getOptions(options), encoding: (options && options.encoding) || 'utf8' });
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    yield* lines;
  }

  stat(options = { bigint: false }) {
    const bigint = Boolean(options && options.bigint);
    return this.#call('fstat', (fd) => makeStats(binding.fstat(fd), bigint));
  }

  truncate(len = 0) {
    validateInteger(len, 'len');
    return this.#call('ftruncate', (fd) => { binding.ftruncate(fd, Math.max(0, len)); });
  }

  utimes(atime, mtime) {
    const a = toUnixTimestamp(atime, 'atime');
    const m = toUnixTimestamp(mtime, 'mtime');
    return this.#call('futimes', (fd) => { binding.futimes(fd, a, m); });
  }

  async write(buffer, offsetOrOptions, length, position) {
    if (buffer && buffer.byteLength === 0) return { __proto__: null, bytesWritten: 0, buffer };
    if (ArrayBuffer.isView(buffer)) {
      let offset = offsetOrOptions;
      if (typeof offsetOrOptions === 'object') {
        ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions || kEmptyObject);
      }
      if (offset === null || offset === undefined) offset = 0;
      else validateInteger(offset, 'offset', 0);
      if (typeof length !== 'number') length = buffer.byteLength - offset;
      if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
      validateOffsetLengthWrite(offset, length, buffer.byteLength);
      const bytesWritten = await this.#call('write', (fd) => binding.write(fd, buffer, offset, length, normalizePosition(position)));
      return { __proto__: null, bytesWritten, buffer };
    }
    validateStringAfterArrayBufferView(buffer, 'buffer');
    validateEncodingFor(buffer, length);
    // As in Node, an encoding that is not one (a number, an unknown name) writes UTF-8.
    const bytes = Buffer.from(buffer, typeof length === 'string' && Buffer.isEncoding(length) ? length : 'utf8');
    const at = typeof offsetOrOptions === 'number' ? normalizePosition(offsetOrOptions) : null;
    const bytesWritten = await this.#call('write', (fd) => binding.write(fd, bytes, 0, bytes.length, at));
    return { __proto__: null, bytesWritten, buffer };
  }

  async writev(buffers, position) {
    validateBufferArray(buffers);
    if (typeof position !== 'number') position = null;
    if (buffers.length === 0) return { __proto__: null, bytesWritten: 0, buffers };
    const bytesWritten = await this.#call('write', (fd) => writevTo(fd, buffers, position));
    return { __proto__: null, bytesWritten, buffers };
  }

  async writeFile(data, options) {
    options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
    checkSignal(options.signal);
    if (ArrayBuffer.isView(data) || typeof data === 'string') {
      const bytes = dataBytes(data, options.encoding);
      await this.#call('write', (fd) => writeAll(fd, bytes, options.signal));
      return;
    }
    if (!isIterable(data)) throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView', 'AsyncIterable', 'Iterable', 'Stream'], data);
    for await (const chunk of data) {
      checkSignal(options.signal);
      const bytes = dataBytes(chunk, options.encoding, 'chunk');
      await this.#call('write', (fd) => writeAll(fd, bytes, options.signal));
    }
  }

  close() {
    if (this.#closing) return this.#closing;
    if (this.#fd === -1) return Promise.resolve();
    const idle = new Promise((resolve) => {
      this.#lastOperationDone = resolve;
      if (this.#inFlight === 0) resolve();
    });
    this.#closing = idle
      .then(() => {
        const fd = this.#fd;
        this.#fd = -1;
        return run(() => binding.close(fd));
      })
      .finally(() => { this.#closing = null; this.#lastOperationDone = null; });
    this.emit('close');
    return this.#closing;
  }

  createReadStream(options = undefined) {
    return makeReadStream(undefined, { ...options, fd: this });
  }

  createWriteStream(options = undefined) {
    return makeWriteStream(undefined, { ...options, fd: this });
  }

  readableWebStream() {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('filehandle.readableWebStream');
  }
}
if (typeof Symbol.asyncDispose === 'symbol') {
  FileHandle.prototype[Symbol.asyncDispose] = function () { return this.close(); };
}

// ---------------------------------------------------------------------------------------------
// Helpers shared with the functions below.

function validateStringAfterArrayBufferView(value, name) {
  if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
}

/** Node checks only that hex data has whole bytes; other encodings are not validated here. */
function validateEncodingFor(data, encoding) {
  if (typeof encoding !== 'string') return;
  if (encoding.toLowerCase() === 'hex' && data.length % 2 !== 0) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

function validateBufferArray(buffers) {
  if (!Array.isArray(buffers) || !buffers.every((b) => ArrayBuffer.isView(b))) {
    throw new ERR_INVALID_ARG_TYPE('buffers', 'ArrayBufferView[]', buffers);
  }
}

function readvFrom(fd, buffers, position) {
  let total = 0;
  let at = position;
  for (const buffer of buffers) {
    if (buffer.byteLength === 0) continue;
    const n = binding.read(fd, buffer, 0, buffer.byteLength, at);
    total += n;
    if (at !== null) at += n;
    if (n < buffer.byteLength) break;
  }
  return total;
}

function writevTo(fd, buffers, position) {
  let total = 0;
  let at = position;
  for (const buffer of buffers) {
    if (buffer.byteLength === 0) continue;
    const n = binding.write(fd, buffer, 0, buffer.byteLength, at);
    total += n;
    if (at !== null) at += n;
  }
  return total;
}

function readAllFrom(fd) {
  const info = binding.fstat(fd);
  const type = info.mode & constants.S_IFMT;
  if (type === constants.S_IFDIR) throw binding.uvError('EISDIR', 'read');
  if (type === constants.S_IFREG && info.size > kIoMaxLength) throw new ERR_FS_FILE_TOO_LARGE(info.size);
  const chunks = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = binding.read(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    if (total > kIoMaxLength) throw new ERR_FS_FILE_TOO_LARGE(total);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

function dataBytes(data, encoding, name = 'data') {
  if (ArrayBuffer.isView(data)) return bytesOf(data);
  if (typeof data !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  return Buffer.from(data, encoding || 'utf8');
}

function writeAll(fd, bytes, signal) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    checkSignal(signal);
    offset += binding.write(fd, bytes, offset, Math.min(bytes.byteLength - offset, kIoMaxLength), null);
  }
}

function isIterable(value) {
  return value !== null && typeof value === 'object' &&
    (typeof value[Symbol.asyncIterator] === 'function' || typeof value[Symbol.iterator] === 'function');
}

// ---------------------------------------------------------------------------------------------
// The functions.

export async function access(path, mode) {
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  return run(() => { binding.access(path, mode); });
}

export async function open(path, flags, mode) {
  path = getValidatedPath(path);
  const flagsNumber = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 0o666);
  return new FileHandle(await run(() => binding.open(path, flagsNumber, mode)));
}

export async function readFile(path, options) {
  options = getOptions(options, { flag: 'r' });
  checkSignal(options.signal);
  if (path instanceof FileHandle) return path.readFile(options);
  path = getValidatedPath(path);
  await turn();
  checkSignal(options.signal);
  const fd = binding.open(path, stringToFlags(options.flag || 'r'), 0o666);
  let data;
  try {
    data = readAllFrom(fd);
  } finally {
    binding.close(fd);
  }
  checkSignal(options.signal);
  return options.encoding && options.encoding !== 'buffer' ? data.toString(options.encoding) : data;
}

export async function writeFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const flush = options.flush === undefined || options.flush === null ? false : options.flush;
  validateBoolean(flush, 'options.flush');
  if (!ArrayBuffer.isView(data) && typeof data !== 'string' && !isIterable(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView', 'AsyncIterable', 'Iterable', 'Stream'], data);
  }
  checkSignal(options.signal);
  if (path instanceof FileHandle) return path.writeFile(data, options);
  path = getValidatedPath(path);
  const handle = await open(path, options.flag || 'w', options.mode);
  try {
    await handle.writeFile(data, options);
    if (flush) await handle.sync();
  } finally {
    await handle.close();
  }
  return undefined;
}

export async function appendFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = { ...options };
  if (!options.flag || path instanceof FileHandle) options.flag = 'a';
  return writeFile(path, data, options);
}

export async function stat(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const bigint = Boolean(options && options.bigint);
  return run(() => makeStats(binding.stat(path, true), bigint));
}

export async function lstat(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const bigint = Boolean(options && options.bigint);
  return run(() => makeStats(binding.stat(path, false), bigint));
}

export async function statfs(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const n = (v) => (options && options.bigint ? BigInt(v) : v);
  return run(() => {
    binding.stat(path, true);
    return { type: n(0), bsize: n(4096), blocks: n(0), bfree: n(0), bavail: n(0), files: n(0), ffree: n(0) };
  });
}

export async function mkdir(path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'options.mode');
  }
  validateBoolean(recursive, 'options.recursive');
  path = getValidatedPath(path);
  return run(() => {
    const first = binding.mkdir(path, recursive, mode);
    return recursive ? first : undefined;
  });
}

export async function mkdtemp(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  return run(() => encodeName(binding.mkdtemp(prefix), options.encoding));
}

export async function readdir(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  if (options.recursive !== undefined && options.recursive !== null) validateBoolean(options.recursive, 'options.recursive');
  return run(() => {
    const result = [];
    const queue = [[path, '']];
    for (let i = 0; i < queue.length; i++) {
      const [dir, prefix] = queue[i];
      for (const [name, modeBits] of binding.readdir(dir)) {
        const type = direntType(modeBits);
        const relative = prefix ? `${prefix}/${name}` : name;
        if (options.withFileTypes) result.push(new Dirent(encodeName(name, options.encoding), type, dir));
        else result.push(encodeName(relative, options.encoding));
        if (options.recursive && type === constants.UV_DIRENT_DIR) queue.push([joinPath(dir, name), relative]);
      }
    }
    return result;
  });
}

export async function opendir(path, options) {
  path = getValidatedPath(path);
  return run(() => opendirSync(path, options));
}

export async function rmdir(path, options) {
  path = getValidatedPath(path);
  if (options && options.recursive) {
    process.emitWarning(
      'In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead',
      'DeprecationWarning', 'DEP0147');
    validateRmOptions(options, { retryDelay: 100, maxRetries: 0, recursive: false, force: false });
    return run(() => {
      const info = binding.stat(path, false);
      if ((info.mode & constants.S_IFMT) !== constants.S_IFDIR) throw binding.uvError('ENOTDIR', 'rmdir', path);
      binding.rm(path, true, false);
    });
  }
  validateRmOptions(options, { retryDelay: 100, maxRetries: 0, recursive: false });
  return run(() => { binding.rmdir(path, false); });
}

export async function rm(path, options) {
  path = getValidatedPath(path);
  options = validateRmOptions(options, { force: false, retryDelay: 100, maxRetries: 0, recursive: false });
  return run(() => {
    let info;
    try {
      info = binding.stat(path, false);
    } catch (error) {
      if (error.code === 'ENOENT' && options.force) return;
      throw error;
    }
    if ((info.mode & constants.S_IFMT) === constants.S_IFDIR && !options.recursive) throw eisdirError(path);
    binding.rm(path, Boolean(options.recursive), Boolean(options.force));
  });
}

export async function unlink(path) {
  path = getValidatedPath(path);
  return run(() => { binding.unlink(path); });
}

export async function rename(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  return run(() => { binding.rename(oldPath, newPath); });
}

export async function link(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  return run(() => { binding.link(existingPath, newPath); });
}

export async function symlink(target, path, type) {
  validateSymlinkType(type);
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  return run(() => { binding.symlink(target, path); });
}

export async function readlink(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  return run(() => encodeName(binding.readlink(path), options.encoding));
}

export async function realpath(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  return run(() => encodeName(binding.realpath(path), options.encoding));
}

export async function copyFile(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  return run(() => { binding.copyFile(src, dest, (mode & constants.COPYFILE_EXCL) !== 0); });
}

export async function cp(src, dest, options) {
  return cpAsync(src, dest, options);
}

export async function truncate(path, len = 0) {
  validateInteger(len, 'len');
  path = getValidatedPath(path);
  return run(() => { binding.truncate(path, Math.max(0, len)); });
}

export async function utimes(path, atime, mtime) {
  path = getValidatedPath(path);
  const a = toUnixTimestamp(atime, 'atime');
  const m = toUnixTimestamp(mtime, 'mtime');
  return run(() => { binding.utimes(path, a, m); });
}

export async function lutimes(path, atime, mtime) {
  path = getValidatedPath(path);
  const a = toUnixTimestamp(atime, 'atime');
  const m = toUnixTimestamp(mtime, 'mtime');
  return run(() => { binding.lutimes(path, a, m); });
}

export async function chmod(path, mode) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  return run(() => { binding.chmod(path, mode); });
}

export async function lchmod() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('lchmod()');
}

export async function chown(path, uid, gid) {
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  return run(() => { binding.stat(path, true); });
}

export async function lchown(path, uid, gid) {
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  return run(() => { binding.stat(path, false); });
}

export function watch(filename, options) {
  return watchAsync(filename, options);
}

const promises = {
  access, appendFile, chmod, chown, constants, copyFile, cp, lchmod, lchown, link, lstat, lutimes, mkdir, mkdtemp,
  open, opendir, readdir, readFile, readlink, realpath, rename, rm, rmdir, stat, statfs, symlink, truncate, unlink,
  utimes, watch, writeFile,
};
export default promises;
