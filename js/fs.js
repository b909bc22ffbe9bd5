// Module `fs`: Node's file system API — synchronous, callback and (through `fs/promises`)
// promise forms — on top of the native binding `_boa:fs`, which does the I/O and throws Node's
// libuv-style errors (`ENOENT: no such file or directory, open 'x'` with code, errno, syscall,
// path).
//
// Every argument goes through internal/fs/utils (one validation layer, one options normaliser,
// Node's error codes), before any I/O. Callback forms check their arguments at once (a bad
// argument or a missing callback throws), then run the operation on a later turn of the event
// loop and call back with `(err)` or `(null, result)` — only operations that have a result pass
// one. Under WASI every path must lie in a directory given with --dir.
import * as binding from '_boa:fs';
import { Buffer } from 'buffer';
import { codes, AbortError } from 'internal/errors';
import {
  constants, kIoMaxLength, kEmptyObject, getValidatedPath, getValidatedFd, stringToFlags, parseFileMode,
  toUnixTimestamp, validateId, validateSymlinkType, validateBufferArg, validateOffsetLengthRead,
  validateOffsetLengthWrite, validatePosition, normalizePosition, getOptions, assertEncoding, getValidMode,
  encodeName, makeStats, Stats, BigIntStats, Dirent, direntType, joinPath, bytesOf, validateRmOptions, eisdirError,
  validateFunction, validateBoolean, validateObject, validateInteger, validateUint32,
} from 'internal/fs/utils';
import { Dir, opendir, opendirSync } from 'internal/fs/dir';
import { cp, cpSync } from 'internal/fs/cp';
import {
  ReadStream, WriteStream, createReadStream, createWriteStream, setStreamFs,
} from 'internal/fs/streams';
import promises from 'fs/promises';
import { watch, watchFile, unwatchFile } from 'internal/fs/watchers';

const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_FS_FILE_TOO_LARGE, ERR_FS_EISDIR,
  ERR_FEATURE_UNAVAILABLE_ON_PLATFORM,
} = codes;

export { constants, Stats, BigIntStats, Dirent, Dir, ReadStream, WriteStream, createReadStream, createWriteStream };
export { opendir, opendirSync, cp, cpSync, promises };
export const { F_OK, R_OK, W_OK, X_OK } = constants;

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');

// ---------------------------------------------------------------------------------------------
// Running callback forms.

function makeCallback(callback) {
  validateFunction(callback, 'cb');
  return callback;
}

/**
 * Runs `operation` on a later turn and calls back with `(err)`, or with `(null, result)` when
 * `withResult` (operations without a result call back with one argument, as in Node).
 */
function later(callback, operation, withResult = true) {
  setTimeout(() => {
    let result;
    try {
      result = operation();
    } catch (error) {
      callback(error);
      return;
    }
    if (withResult) callback(null, result);
    else callback(null);
  }, 0);
}

function abortError(signal) {
  return new AbortError(undefined, { cause: signal && signal.reason });
}

// ---------------------------------------------------------------------------------------------
// Metadata.

export function accessSync(path, mode) {
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  binding.access(path, mode);
}

export function access(path, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = constants.F_OK;
  }
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  callback = makeCallback(callback);
  later(callback, () => binding.access(path, mode), false);
}

export function existsSync(path) {
  try {
    path = getValidatedPath(path);
  } catch {
    return false;
  }
  try {
    binding.stat(path, true);
    return true;
  } catch {
    return false;
  }
}

export function exists(path, callback) {
  validateFunction(callback, 'cb');
  let valid;
  try {
    valid = getValidatedPath(path);
  } catch {
    callback(false);
    return;
  }
  later((error) => callback(!error), () => binding.stat(valid, true), false);
}
Object.defineProperty(exists, kCustomPromisify, {
  value: (path) => new Promise((resolve) => exists(path, resolve)),
  enumerable: false,
  configurable: true,
  writable: true,
});

function statOptions(options) {
  if (options === undefined || options === null || typeof options === 'function') return { bigint: false };
  validateObject(options, 'options', { nullable: true });
  return options;
}

function statPath(path, options, follow, sync) {
  try {
    return makeStats(binding.stat(path, follow), Boolean(options.bigint));
  } catch (error) {
    if (sync && options.throwIfNoEntry === false && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return undefined;
    }
    throw error;
  }
}

export function statSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  path = getValidatedPath(path);
  return statPath(path, statOptions(options), true, true);
}

export function lstatSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  path = getValidatedPath(path);
  return statPath(path, statOptions(options), false, true);
}

export function fstatSync(fd, options = { bigint: false }) {
  fd = getValidatedFd(fd);
  return makeStats(binding.fstat(fd), Boolean(statOptions(options).bigint));
}

export function stat(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const opts = statOptions(options);
  later(callback, () => statPath(path, opts, true, false));
}

export function lstat(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const opts = statOptions(options);
  later(callback, () => statPath(path, opts, false, false));
}

export function fstat(fd, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  fd = getValidatedFd(fd);
  callback = makeCallback(callback);
  const opts = statOptions(options);
  later(callback, () => makeStats(binding.fstat(fd), Boolean(opts.bigint)));
}

/** File-system statistics are not available to a WASI program; the same fixed answer natively. */
function statFsResult(bigint) {
  const n = (v) => (bigint ? BigInt(v) : v);
  return { type: n(0), bsize: n(4096), blocks: n(0), bfree: n(0), bavail: n(0), files: n(0), ffree: n(0) };
}

export function statfsSync(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  binding.stat(path, true);
  return statFsResult(Boolean(statOptions(options).bigint));
}

export function statfs(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const opts = statOptions(options);
  later(callback, () => {
    binding.stat(path, true);
    return statFsResult(Boolean(opts.bigint));
  });
}

// ---------------------------------------------------------------------------------------------
// Directories.

function mkdirArguments(options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options !== null && typeof options === 'object') {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'options.mode');
  }
  validateBoolean(recursive, 'options.recursive');
  return { mode, recursive };
}

/** `mkdir -p` of a path that exists as something else than a directory fails with EEXIST. */
function makeDirectory(path, recursive, mode) {
  if (recursive) {
    let info = null;
    try {
      info = binding.stat(path, true);
    } catch {
      // Missing: created below.
    }
    if (info !== null && (info.mode & constants.S_IFMT) !== constants.S_IFDIR) throw binding.uvError('EEXIST', 'mkdir', path);
  }
  const first = binding.mkdir(path, recursive, mode);
  return recursive ? first : undefined;
}

export function mkdirSync(path, options) {
  const { mode, recursive } = mkdirArguments(options);
  path = getValidatedPath(path);
  return makeDirectory(path, recursive, mode);
}

export function mkdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const { mode, recursive } = mkdirArguments(options);
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  later(callback, () => makeDirectory(path, recursive, mode), recursive);
}

function emitRecursiveRmdirWarning() {
  process.emitWarning(
    'In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead',
    'DeprecationWarning', 'DEP0147');
}

const rmdirDefaults = { retryDelay: 100, maxRetries: 0, recursive: false };

function rmdirRecursive(path) {
  // Node's deprecated recursive rmdir: a missing path or a file is an error as for rmdir.
  const info = binding.stat(path, false);
  if ((info.mode & constants.S_IFMT) !== constants.S_IFDIR) throw binding.uvError('ENOTDIR', 'rmdir', path);
  binding.rm(path, true, false);
}

export function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (options && options.recursive) {
    emitRecursiveRmdirWarning();
    validateRmOptions(options, { ...rmdirDefaults, force: false });
    rmdirRecursive(path);
    return;
  }
  validateRmOptions(options, rmdirDefaults);
  binding.rmdir(path, false);
}

export function rmdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  if (options && options.recursive) {
    emitRecursiveRmdirWarning();
    validateRmOptions(options, { ...rmdirDefaults, force: false });
    later(callback, () => rmdirRecursive(path), false);
    return;
  }
  validateRmOptions(options, rmdirDefaults);
  later(callback, () => binding.rmdir(path, false), false);
}

const rmDefaults = { force: false, retryDelay: 100, maxRetries: 0, recursive: false };

function rmPath(path, options) {
  let info;
  try {
    info = binding.stat(path, false);
  } catch (error) {
    if (error.code === 'ENOENT' && options.force) return;
    throw error;
  }
  if ((info.mode & constants.S_IFMT) === constants.S_IFDIR && !options.recursive) throw eisdirError(path);
  binding.rm(path, Boolean(options.recursive), Boolean(options.force));
}

export function rmSync(path, options) {
  path = getValidatedPath(path);
  rmPath(path, validateRmOptions(options, rmDefaults));
}

export function rm(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const opts = validateRmOptions(options, rmDefaults);
  later(callback, () => rmPath(path, opts), false);
}

let warnedNonPortableTemplate = false;

function checkTemporaryPrefix(prefix) {
  if (!warnedNonPortableTemplate && /X+$/.test(prefix)) {
    warnedNonPortableTemplate = true;
    process.emitWarning(`mkdtemp() templates ending with X are not portable. For details see: https://nodejs.org/api/fs.html`);
  }
}

export function mkdtempSync(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  checkTemporaryPrefix(prefix);
  return encodeName(binding.mkdtemp(prefix), options.encoding);
}

export function mkdtemp(prefix, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  checkTemporaryPrefix(prefix);
  later(callback, () => encodeName(binding.mkdtemp(prefix), options.encoding));
}

/** Entries of `path`: names (encoded), or Dirents; recursive lists relative paths, breadth first. */
function readDirectory(path, options) {
  const encoding = options.encoding;
  const result = [];
  const queue = [[path, '']];
  for (let i = 0; i < queue.length; i++) {
    const [dir, prefix] = queue[i];
    for (const [name, mode] of binding.readdir(dir)) {
      const type = direntType(mode);
      const relative = prefix ? `${prefix}/${name}` : name;
      if (options.withFileTypes) result.push(new Dirent(encodeName(name, encoding), type, dir));
      else result.push(encodeName(relative, encoding));
      if (options.recursive && type === constants.UV_DIRENT_DIR) queue.push([joinPath(dir, name), relative]);
    }
  }
  return result;
}

function readdirOptions(options) {
  options = getOptions(options);
  if (options.recursive !== undefined && options.recursive !== null) validateBoolean(options.recursive, 'options.recursive');
  return options;
}

export function readdirSync(path, options) {
  options = readdirOptions(options);
  path = getValidatedPath(path);
  return readDirectory(path, options);
}

export function readdir(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = readdirOptions(options);
  path = getValidatedPath(path);
  later(callback, () => readDirectory(path, options));
}

// ---------------------------------------------------------------------------------------------
// Names and links.

export function unlinkSync(path) {
  binding.unlink(getValidatedPath(path));
}

export function unlink(path, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  later(callback, () => binding.unlink(path), false);
}

export function renameSync(oldPath, newPath) {
  binding.rename(getValidatedPath(oldPath, 'oldPath'), getValidatedPath(newPath, 'newPath'));
}

export function rename(oldPath, newPath, callback) {
  callback = makeCallback(callback);
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  later(callback, () => binding.rename(oldPath, newPath), false);
}

export function linkSync(existingPath, newPath) {
  binding.link(getValidatedPath(existingPath, 'existingPath'), getValidatedPath(newPath, 'newPath'));
}

export function link(existingPath, newPath, callback) {
  callback = makeCallback(callback);
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  later(callback, () => binding.link(existingPath, newPath), false);
}

export function symlinkSync(target, path, type) {
  validateSymlinkType(type);
  binding.symlink(getValidatedPath(target, 'target'), getValidatedPath(path));
}

export function symlink(target, path, type, callback) {
  callback = makeCallback(typeof type === 'function' ? type : callback);
  if (typeof type !== 'function') validateSymlinkType(type);
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  later(callback, () => binding.symlink(target, path), false);
}

export function readlinkSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  return encodeName(binding.readlink(path), options.encoding);
}

export function readlink(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  later(callback, () => encodeName(binding.readlink(path), options.encoding));
}

export function realpathSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  return encodeName(binding.realpath(path), options.encoding);
}
realpathSync.native = function realpathSyncNative(path, options) {
  return realpathSync(path, options);
};

export function realpath(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  path = getValidatedPath(path);
  later(callback, () => encodeName(binding.realpath(path), options.encoding));
}
realpath.native = function realpathNative(path, options, callback) {
  return realpath(path, options, callback);
};

export function copyFileSync(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  binding.copyFile(src, dest, (mode & constants.COPYFILE_EXCL) !== 0);
}

export function copyFile(src, dest, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = 0;
  }
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  callback = makeCallback(callback);
  later(callback, () => binding.copyFile(src, dest, (mode & constants.COPYFILE_EXCL) !== 0), false);
}

// ---------------------------------------------------------------------------------------------
// Sizes, times, permissions, owners.

function showTruncateDeprecation() {
  process.emitWarning('Using fs.truncate with a file descriptor is deprecated. Please use fs.ftruncate with a file descriptor instead.',
    'DeprecationWarning', 'DEP0081');
}

export function truncateSync(path, len) {
  if (typeof path === 'number') {
    showTruncateDeprecation();
    return ftruncateSync(path, len);
  }
  if (len === undefined) len = 0;
  validateInteger(len, 'len');
  path = getValidatedPath(path);
  binding.truncate(path, Math.max(0, len));
  return undefined;
}

export function truncate(path, len, callback) {
  if (typeof path === 'number') {
    showTruncateDeprecation();
    return ftruncate(path, len, callback);
  }
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  validateInteger(len, 'len');
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  later(callback, () => binding.truncate(path, Math.max(0, len)), false);
  return undefined;
}

export function ftruncateSync(fd, len = 0) {
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  binding.ftruncate(fd, Math.max(0, len));
}

export function ftruncate(fd, len = 0, callback) {
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  }
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  callback = makeCallback(callback);
  later(callback, () => binding.ftruncate(fd, Math.max(0, len)), false);
}

export function utimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  binding.utimes(path, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'));
}

export function utimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const a = toUnixTimestamp(atime, 'atime');
  const m = toUnixTimestamp(mtime, 'mtime');
  later(callback, () => binding.utimes(path, a, m), false);
}

export function futimesSync(fd, atime, mtime) {
  fd = getValidatedFd(fd);
  binding.futimes(fd, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'));
}

export function futimes(fd, atime, mtime, callback) {
  fd = getValidatedFd(fd);
  const a = toUnixTimestamp(atime, 'atime');
  const m = toUnixTimestamp(mtime, 'mtime');
  callback = makeCallback(callback);
  later(callback, () => binding.futimes(fd, a, m), false);
}

// A symbolic link's own times (never its target's).
export function lutimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  binding.lutimes(path, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'));
}

export function lutimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const a = toUnixTimestamp(atime, 'atime');
  const m = toUnixTimestamp(mtime, 'mtime');
  later(callback, () => binding.lutimes(path, a, m), false);
}

export function chmodSync(path, mode) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  binding.chmod(path, mode);
}

export function chmod(path, mode, callback) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  later(callback, () => binding.chmod(path, mode), false);
}

export function fchmodSync(fd, mode) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  binding.fchmod(fd, mode);
}

export function fchmod(fd, mode, callback) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  later(callback, () => binding.fchmod(fd, mode), false);
}

// Owners do not exist under WASI: checked and accepted.
function checkOwner(uid, gid) {
  validateId(uid, 'uid');
  validateId(gid, 'gid');
}

export function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  checkOwner(uid, gid);
  binding.stat(path, true);
}

export function chown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  checkOwner(uid, gid);
  later(callback, () => { binding.stat(path, true); }, false);
}

export function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  checkOwner(uid, gid);
  binding.stat(path, false);
}

export function lchown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  checkOwner(uid, gid);
  later(callback, () => { binding.stat(path, false); }, false);
}

export function fchownSync(fd, uid, gid) {
  fd = getValidatedFd(fd);
  checkOwner(uid, gid);
  binding.fstat(fd);
}

export function fchown(fd, uid, gid, callback) {
  fd = getValidatedFd(fd);
  checkOwner(uid, gid);
  callback = makeCallback(callback);
  later(callback, () => { binding.fstat(fd); }, false);
}

// ---------------------------------------------------------------------------------------------
// Descriptors.

export function openSync(path, flags, mode) {
  path = getValidatedPath(path);
  return binding.open(path, stringToFlags(flags), parseFileMode(mode, 'mode', 0o666));
}

export function open(path, flags, mode, callback) {
  path = getValidatedPath(path);
  if (arguments.length < 3) {
    callback = flags;
    flags = 'r';
    mode = 0o666;
  } else if (typeof mode === 'function') {
    callback = mode;
    mode = 0o666;
  } else {
    mode = parseFileMode(mode, 'mode', 0o666);
  }
  const flagsNumber = stringToFlags(flags);
  callback = makeCallback(callback);
  later(callback, () => binding.open(path, flagsNumber, mode));
}

export function closeSync(fd) {
  binding.close(getValidatedFd(fd));
}

function defaultCloseCallback(error) {
  if (error !== null && error !== undefined) throw error;
}

export function close(fd, callback = defaultCloseCallback) {
  fd = getValidatedFd(fd);
  if (callback !== defaultCloseCallback) callback = makeCallback(callback);
  later(callback, () => binding.close(fd), false);
}

export function fsyncSync(fd) {
  binding.fsync(getValidatedFd(fd));
}

export function fsync(fd, callback) {
  fd = getValidatedFd(fd);
  callback = makeCallback(callback);
  later(callback, () => binding.fsync(fd), false);
}

export const fdatasyncSync = fsyncSync;
export const fdatasync = fsync;

/** The checked `(offset, length, position)` of a read into `buffer`; `null` length = nothing. */
function readArguments(buffer, offset, length, position) {
  if (offset === undefined || offset === null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) return null;
  if (buffer.byteLength === 0) throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position === null || position === undefined) position = -1;
  else validatePosition(position, 'position', length);
  return { offset, length, position: normalizePosition(position) };
}

export function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  validateBufferArg(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, 'options', { nullable: true });
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions || kEmptyObject);
  }
  const args = readArguments(buffer, offset, length, position);
  if (args === null) return 0;
  return binding.read(fd, buffer, args.offset, args.length, args.position);
}

export function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (arguments.length <= 4) {
    let params;
    if (arguments.length === 4) {
      validateObject(offsetOrOptions, 'options', { nullable: true });
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        ({ buffer = Buffer.alloc(16384) } = params || kEmptyObject);
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== undefined) validateObject(params, 'options', { nullable: true });
    ({ offset = 0, length = buffer && buffer.byteLength - offset, position = null } = params || kEmptyObject);
  }
  validateBufferArg(buffer);
  validateFunction(callback, 'cb');
  const args = readArguments(buffer, offset, length, position);
  if (args === null) {
    process.nextTick(() => callback(null, 0, buffer));
    return;
  }
  later((error, bytesRead) => callback(error, bytesRead || 0, buffer),
    () => binding.read(fd, buffer, args.offset, args.length, args.position));
}
Object.defineProperty(read, kCustomPromisify, {
  value: (...args) => new Promise((resolve, reject) => {
    read(...args, (error, bytesRead, buffer) => (error ? reject(error) : resolve({ bytesRead, buffer })));
  }),
  enumerable: false,
  configurable: true,
  writable: true,
});

function validateStringAfterArrayBufferView(value, name) {
  if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
}

function validateEncodingFor(data, encoding) {
  if (encoding === undefined || encoding === null) return;
  if (typeof encoding !== 'string' || !Buffer.isEncoding(encoding)) {
    throw new codes.ERR_UNKNOWN_ENCODING(encoding);
  }
  if (encoding.toLowerCase() === 'hex' && data.length % 2 !== 0) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

function writeString(fd, text, position, encoding) {
  const bytes = Buffer.from(text, encoding || 'utf8');
  return binding.write(fd, bytes, 0, bytes.length, normalizePosition(typeof position === 'number' ? position : null));
}

export function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    if (typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions || kEmptyObject);
    }
    if (position === undefined) position = null;
    if (offset === null || offset === undefined) offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    return binding.write(fd, buffer, offset, length, normalizePosition(typeof position === 'number' || typeof position === 'bigint' ? position : null));
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  validateEncodingFor(buffer, length);
  return writeString(fd, buffer, offset, length);
}

export function write(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    callback = makeCallback(callback || position || length || offset);
    if (typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions || kEmptyObject);
    }
    if (offset === null || offset === undefined || typeof offset === 'function') offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    later((error, written) => callback(error, written || 0, buffer),
      () => binding.write(fd, buffer, offset, length, normalizePosition(position)));
    return;
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  if (typeof position !== 'function') {
    if (typeof offset === 'function') {
      position = offset;
      offset = null;
    } else {
      position = length;
    }
    length = 'utf8';
  }
  const text = buffer;
  validateEncodingFor(text, length);
  callback = makeCallback(position);
  later((error, written) => callback(error, written || 0, text), () => writeString(fd, text, offset, length));
}
Object.defineProperty(write, kCustomPromisify, {
  value: (...args) => new Promise((resolve, reject) => {
    write(...args, (error, bytesWritten, buffer) => (error ? reject(error) : resolve({ bytesWritten, buffer })));
  }),
  enumerable: false,
  configurable: true,
  writable: true,
});

function validateBufferArray(buffers, name = 'buffers') {
  if (!Array.isArray(buffers)) throw new ERR_INVALID_ARG_TYPE(name, 'ArrayBufferView[]', buffers);
  for (const buffer of buffers) {
    if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE(name, 'ArrayBufferView[]', buffers);
  }
  return buffers;
}

function readvFrom(fd, buffers, position) {
  let total = 0;
  let at = typeof position === 'number' ? position : null;
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
  let at = typeof position === 'number' ? position : null;
  for (const buffer of buffers) {
    if (buffer.byteLength === 0) continue;
    const n = binding.write(fd, buffer, 0, buffer.byteLength, at);
    total += n;
    if (at !== null) at += n;
  }
  return total;
}

export function readvSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = null;
  return readvFrom(fd, buffers, position);
}

export function readv(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback || position);
  if (typeof position !== 'number') position = null;
  later((error, bytesRead) => callback(error, bytesRead || 0, buffers), () => readvFrom(fd, buffers, position));
}
Object.defineProperty(readv, kCustomPromisify, {
  value: (...args) => new Promise((resolve, reject) => {
    readv(...args, (error, bytesRead, buffers) => (error ? reject(error) : resolve({ bytesRead, buffers })));
  }),
  enumerable: false,
  configurable: true,
  writable: true,
});

export function writevSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (buffers.length === 0) return 0;
  if (typeof position !== 'number') position = null;
  return writevTo(fd, buffers, position);
}

export function writev(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback || position);
  if (buffers.length === 0) {
    process.nextTick(() => callback(null, 0, buffers));
    return;
  }
  if (typeof position !== 'number') position = null;
  later((error, bytesWritten) => callback(error, bytesWritten || 0, buffers), () => writevTo(fd, buffers, position));
}
Object.defineProperty(writev, kCustomPromisify, {
  value: (...args) => new Promise((resolve, reject) => {
    writev(...args, (error, bytesWritten, buffers) => (error ? reject(error) : resolve({ bytesWritten, buffers })));
  }),
  enumerable: false,
  configurable: true,
  writable: true,
});

// ---------------------------------------------------------------------------------------------
// Whole files.

/** All the bytes from `fd`, from its current position; ERR_FS_FILE_TOO_LARGE past 2 GiB. */
function readAll(fd, path) {
  const info = binding.fstat(fd);
  const isFile = (info.mode & constants.S_IFMT) === constants.S_IFREG;
  if ((info.mode & constants.S_IFMT) === constants.S_IFDIR) throw binding.uvError('EISDIR', 'read', undefined);
  if (isFile && info.size > kIoMaxLength) throw new ERR_FS_FILE_TOO_LARGE(info.size);
  const chunks = [];
  let total = 0;
  const chunkSize = isFile && info.size > 0 ? Math.min(info.size + 1, 1024 * 1024) : 64 * 1024;
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkSize);
    const n = binding.read(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    if (total > kIoMaxLength) throw new ERR_FS_FILE_TOO_LARGE(total);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

function readFileFrom(path, options) {
  const flag = options.flag || 'r';
  let data;
  if (typeof path === 'number') {
    data = readAll(path);
  } else {
    const fd = binding.open(path, stringToFlags(flag), 0o666);
    try {
      data = readAll(fd, path);
    } finally {
      binding.close(fd);
    }
  }
  return options.encoding && options.encoding !== 'buffer' ? data.toString(options.encoding) : data;
}

function fileTarget(path) {
  return typeof path === 'number' ? getValidatedFd(path) : getValidatedPath(path);
}

export function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  return readFileFrom(fileTarget(path), options);
}

export function readFile(path, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options, { flag: 'r' });
  const target = fileTarget(path);
  const signal = options.signal;
  if (signal && signal.aborted) {
    process.nextTick(() => callback(abortError(signal)));
    return;
  }
  setTimeout(() => {
    if (signal && signal.aborted) {
      callback(abortError(signal));
      return;
    }
    let data;
    try {
      data = readFileFrom(target, options);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, data);
  }, 0);
}

function dataBytes(data, encoding, name = 'data') {
  if (ArrayBuffer.isView(data)) return bytesOf(data);
  if (typeof data !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  return Buffer.from(data, encoding || 'utf8');
}

function writeAll(fd, bytes, signal) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    if (signal && signal.aborted) throw abortError(signal);
    offset += binding.write(fd, bytes, offset, Math.min(bytes.byteLength - offset, kIoMaxLength), null);
  }
}

/** Writes `bytes` to a descriptor, or to a path's file opened here (returned open). */
function writeOpen(target, bytes, options) {
  if (typeof target === 'number') {
    writeAll(target, bytes, options.signal);
    return target;
  }
  const fd = binding.open(target, stringToFlags(options.flag || 'w'), parseFileMode(options.mode, 'mode', 0o666));
  try {
    writeAll(fd, bytes, options.signal);
  } catch (error) {
    binding.close(fd);
    throw error;
  }
  return fd;
}

/** Writes `bytes` to a path or descriptor; `flushWith(fd)` runs before a path's file is closed. */
function writeFileTo(target, bytes, options, flushWith = null) {
  const fd = writeOpen(target, bytes, options);
  try {
    if (flushWith) flushWith(fd);
  } finally {
    if (fd !== target) binding.close(fd);
  }
}

function writeFileOptions(options, flag) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag });
  const flush = options.flush === undefined || options.flush === null ? false : options.flush;
  validateBoolean(flush, 'options.flush');
  return { ...options, flush };
}

export function writeFileSync(path, data, options) {
  options = writeFileOptions(options, 'w');
  const target = fileTarget(path);
  // `flush` goes through the module's own fsyncSync, as in Node (code that wraps it sees the call).
  writeFileTo(target, dataBytes(data, options.encoding), options, options.flush ? (fd) => fs.fsyncSync(fd) : null);
}

export function writeFile(path, data, options, callback) {
  callback = makeCallback(callback || options);
  options = writeFileOptions(options, 'w');
  const target = fileTarget(path);
  const bytes = dataBytes(data, options.encoding);
  const signal = options.signal;
  if (signal && signal.aborted) {
    process.nextTick(() => callback(abortError(signal)));
    return;
  }
  if (!options.flush) {
    later(callback, () => writeFileTo(target, bytes, options), false);
    return;
  }
  // With `flush`, the written descriptor goes through the module's own fsync (as in Node) before
  // a file opened here is closed.
  later((error, fd) => {
    if (error) return callback(error);
    fs.fsync(fd, (syncError) => {
      let closeError = null;
      if (typeof target !== 'number') {
        try {
          binding.close(fd);
        } catch (e) {
          closeError = e;
        }
      }
      callback(syncError || closeError || null);
    });
  }, () => writeOpen(target, bytes, options));
}

function appendOptions(path, options) {
  options = writeFileOptions(options, 'a');
  if (!options.flag || typeof path === 'number') options.flag = 'a';
  return options;
}

export function appendFileSync(path, data, options) {
  options = appendOptions(path, options);
  writeFileSync(path, data, options);
}

export function appendFile(path, data, options, callback) {
  callback = makeCallback(callback || options);
  options = appendOptions(path, options);
  writeFile(path, data, options, callback);
}

// ---------------------------------------------------------------------------------------------
// Watching, by polling (internal/fs/watchers): WASI has no file change notifications.

export { watch, watchFile, unwatchFile };

export const FileReadStream = ReadStream;
export const FileWriteStream = WriteStream;

export function openAsBlob(path, options = kEmptyObject) {
  validateObject(options, 'options');
  path = getValidatedPath(path);
  if (typeof globalThis.Blob !== 'function') {
    return Promise.reject(new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('fs.openAsBlob (no Blob in this runtime)'));
  }
  const data = readFileSync(path);
  return Promise.resolve(new globalThis.Blob([data], { type: options.type || '' }));
}

const fs = {
  F_OK, R_OK, W_OK, X_OK, constants, Stats, BigIntStats, Dirent, Dir, ReadStream, WriteStream,
  FileReadStream, FileWriteStream, createReadStream, createWriteStream,
  access, accessSync, exists, existsSync, stat, statSync, lstat, lstatSync, fstat, fstatSync, statfs, statfsSync,
  mkdir, mkdirSync, rmdir, rmdirSync, rm, rmSync, mkdtemp, mkdtempSync, readdir, readdirSync, opendir, opendirSync,
  unlink, unlinkSync, rename, renameSync, link, linkSync, symlink, symlinkSync, readlink, readlinkSync,
  realpath, realpathSync, copyFile, copyFileSync, cp, cpSync, truncate, truncateSync, ftruncate, ftruncateSync,
  utimes, utimesSync, futimes, futimesSync, lutimes, lutimesSync, chmod, chmodSync, fchmod, fchmodSync,
  chown, chownSync, lchown, lchownSync, fchown, fchownSync, open, openSync, close, closeSync, fsync, fsyncSync,
  fdatasync, fdatasyncSync, read, readSync, write, writeSync, readv, readvSync, writev, writevSync,
  readFile, readFileSync, writeFile, writeFileSync, appendFile, appendFileSync, watch, watchFile, unwatchFile,
  openAsBlob, promises,
  // Node exposes this internal helper, and code (and its tests) call it.
  _toUnixTimestamp: toUnixTimestamp,
};
setStreamFs(fs);
export default fs;
