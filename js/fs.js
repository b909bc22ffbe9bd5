// Module `fs`: Node's file system API (synchronous, callback and promise forms) on top of the
// native binding `_boa:fs`, which does the I/O and throws Node-style errors
// (`ENOENT: no such file or directory, open 'x'` with code, errno, syscall, path).
//
// Callbacks run on a later turn of the event loop (like Node's I/O callbacks); the promise
// forms settle the same way. Under WASI every path must lie in a directory given with --dir.
import * as binding from '_boa:fs';
import { Buffer } from 'buffer';
import { Readable, Writable } from 'stream';

// ---------------------------------------------------------------------------------------------
// Constants (Node's values on Linux).

export const F_OK = 0;
export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

export const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
  S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o040000, S_IFCHR: 0o020000, S_IFBLK: 0o060000,
  S_IFIFO: 0o010000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
  O_CREAT: 0o100, O_EXCL: 0o200, UV_FS_O_FILEMAP: 0, O_NOCTTY: 0o400, O_TRUNC: 0o1000,
  O_APPEND: 0o2000, O_DIRECTORY: 0o200000, O_NOATIME: 0o1000000, O_NOFOLLOW: 0o400000,
  O_SYNC: 0o4010000, O_DSYNC: 0o10000, O_DIRECT: 0o40000, O_NONBLOCK: 0o4000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100,
  S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IXGRP: 0o10,
  S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1,
  F_OK, R_OK, W_OK, X_OK,
  UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1,
  UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});

const C = constants;

// ---------------------------------------------------------------------------------------------
// Argument handling.

function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') {
    const name = value.constructor && value.constructor.name;
    return name ? `an instance of ${name}` : 'an object';
  }
  let shown = String(value);
  if (shown.length > 28) shown = shown.slice(0, 25) + '...';
  if (typeof value === 'string') shown = `'${shown}'`;
  return `type ${typeof value} (${shown})`;
}

function invalidArgType(name, expected, value) {
  const error = new TypeError(`The "${name}" argument must be ${expected}. Received ${describe(value)}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

function invalidArgValue(name, value, reason) {
  const error = new TypeError(`The argument '${name}' ${reason || 'is invalid'}. Received ${describe(value)}`);
  error.code = 'ERR_INVALID_ARG_VALUE';
  return error;
}

function outOfRange(name, range, value) {
  const error = new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`);
  error.code = 'ERR_OUT_OF_RANGE';
  return error;
}

/** A path argument (string, Buffer, Uint8Array or file: URL) as a string. */
function toPath(path, name = 'path') {
  if (typeof path === 'string') {
    if (path.includes('\u0000')) throw invalidArgValue(name, path, 'must be a string, Uint8Array, or URL without null bytes');
    return path;
  }
  if (path instanceof Uint8Array) return Buffer.from(path.buffer, path.byteOffset, path.byteLength).toString();
  if (path !== null && typeof path === 'object' && typeof path.href === 'string' && path.protocol !== undefined) {
    if (path.protocol !== 'file:') {
      const error = new TypeError('The URL must be of scheme file');
      error.code = 'ERR_INVALID_URL_SCHEME';
      throw error;
    }
    return decodeURIComponent(path.pathname);
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', path);
}

function toFd(fd) {
  if (typeof fd !== 'number') throw invalidArgType('fd', 'of type number', fd);
  if (!Number.isInteger(fd) || fd < 0 || fd > 0x7fffffff) throw outOfRange('fd', 'an integer >= 0 && <= 2147483647', fd);
  return fd;
}

function toMode(mode, fallback) {
  if (mode === undefined || mode === null) return fallback;
  if (typeof mode === 'string') {
    if (!/^[0-7]+$/.test(mode)) throw invalidArgValue('mode', mode, 'must be a 32-bit unsigned integer or an octal string');
    return parseInt(mode, 8);
  }
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0) throw invalidArgType('mode', 'of type number', mode);
  return mode;
}

const FLAGS = {
  r: C.O_RDONLY, rs: C.O_RDONLY | C.O_SYNC, sr: C.O_RDONLY | C.O_SYNC,
  'r+': C.O_RDWR, 'rs+': C.O_RDWR | C.O_SYNC, 'sr+': C.O_RDWR | C.O_SYNC,
  w: C.O_TRUNC | C.O_CREAT | C.O_WRONLY, wx: C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  xw: C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  'w+': C.O_TRUNC | C.O_CREAT | C.O_RDWR, 'wx+': C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  'xw+': C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  a: C.O_APPEND | C.O_CREAT | C.O_WRONLY, ax: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  xa: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL, as: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC,
  sa: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC,
  'a+': C.O_APPEND | C.O_CREAT | C.O_RDWR, 'ax+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  'xa+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL, 'as+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC,
  'sa+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC,
};

function toFlags(flags, fallback = 'r') {
  if (flags === undefined || flags === null) flags = fallback;
  if (typeof flags === 'number') return flags;
  const value = FLAGS[flags];
  if (value === undefined) throw invalidArgValue('flags', flags);
  return value;
}

function options(value, defaults) {
  if (value === undefined || value === null || typeof value === 'function') return { ...defaults };
  if (typeof value === 'string') return { ...defaults, encoding: value };
  if (typeof value !== 'object') throw invalidArgType('options', 'of type object', value);
  return { ...defaults, ...value };
}

function checkEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    const error = new TypeError(`The argument 'encoding' is invalid encoding. Received '${encoding}'`);
    error.code = 'ERR_INVALID_ARG_VALUE';
    throw error;
  }
  return encoding;
}

function encodeResult(text, encoding) {
  return encoding === 'buffer' ? Buffer.from(text) : text;
}

function toBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (ArrayBuffer.isView(data)) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

/** Seconds (what the binding takes) from a Date, a number of seconds or a numeric string. */
function toSeconds(time, name) {
  if (time instanceof Date) return time.getTime() / 1000;
  if (typeof time === 'number') return time;
  if (typeof time === 'bigint') return Number(time);
  if (typeof time === 'string' && time.trim() !== '' && !Number.isNaN(Number(time))) return Number(time);
  throw invalidArgType(name, 'of type number or an instance of Date', time);
}

// ---------------------------------------------------------------------------------------------
// Stats and Dirent.

function kindOf(mode) {
  return mode & C.S_IFMT;
}

function nsToMs(ns) {
  return Number(BigInt(ns) / 1000n) / 1000;
}

class StatsBase {
  isFile() { return kindOf(Number(this.mode)) === C.S_IFREG; }
  isDirectory() { return kindOf(Number(this.mode)) === C.S_IFDIR; }
  isSymbolicLink() { return kindOf(Number(this.mode)) === C.S_IFLNK; }
  isBlockDevice() { return kindOf(Number(this.mode)) === C.S_IFBLK; }
  isCharacterDevice() { return kindOf(Number(this.mode)) === C.S_IFCHR; }
  isFIFO() { return kindOf(Number(this.mode)) === C.S_IFIFO; }
  isSocket() { return kindOf(Number(this.mode)) === C.S_IFSOCK; }
}

/** Node's `fs.Stats`; the properties are in the order the reference runtime lists them. */
export class Stats extends StatsBase {
  constructor(raw) {
    super();
    if (raw === undefined) return;
    this.dev = raw.dev;
    this.ino = raw.ino;
    this.mode = raw.mode;
    this.nlink = raw.nlink;
    this.uid = raw.uid;
    this.gid = raw.gid;
    this.rdev = raw.rdev;
    this.size = raw.size;
    this.blksize = raw.blksize;
    this.blocks = raw.blocks;
    this.mtime = new Date(nsToMs(raw.mtimeNs));
    this.atime = new Date(nsToMs(raw.atimeNs));
    this.birthtime = new Date(nsToMs(raw.birthtimeNs));
    this.mtimeMs = nsToMs(raw.mtimeNs);
    this.atimeMs = nsToMs(raw.atimeNs);
    this.birthtimeMs = nsToMs(raw.birthtimeNs);
    this.ctime = new Date(nsToMs(raw.ctimeNs));
    this.ctimeMs = nsToMs(raw.ctimeNs);
  }
}

/** Node's `BigIntStats` (`{ bigint: true }`): integer fields are BigInts, plus `*Ns` fields. */
export class BigIntStats extends StatsBase {
  constructor(raw) {
    super();
    if (raw === undefined) return;
    for (const key of ['dev', 'ino', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'size', 'blksize', 'blocks']) {
      this[key] = BigInt(raw[key]);
    }
    const ns = (key) => BigInt(raw[key + 'Ns']);
    for (const key of ['mtime', 'atime', 'birthtime']) this[key] = new Date(Number(ns(key) / 1000000n));
    for (const key of ['mtime', 'atime', 'birthtime']) this[key + 'Ms'] = ns(key) / 1000000n;
    for (const key of ['mtime', 'atime', 'birthtime']) this[key + 'Ns'] = ns(key);
    this.ctime = new Date(Number(ns('ctime') / 1000000n));
    this.ctimeMs = ns('ctime') / 1000000n;
    this.ctimeNs = ns('ctime');
  }
}

function makeStats(raw, opts) {
  return opts && opts.bigint ? new BigIntStats(raw) : new Stats(raw);
}

const kType = Symbol('type');

export class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this[kType] = type;
  }
  isFile() { return this[kType] === C.S_IFREG; }
  isDirectory() { return this[kType] === C.S_IFDIR; }
  isSymbolicLink() { return this[kType] === C.S_IFLNK; }
  isBlockDevice() { return this[kType] === C.S_IFBLK; }
  isCharacterDevice() { return this[kType] === C.S_IFCHR; }
  isFIFO() { return this[kType] === C.S_IFIFO; }
  isSocket() { return this[kType] === C.S_IFSOCK; }
}

function joinPath(dir, name) {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

// ---------------------------------------------------------------------------------------------
// Synchronous API.

function statWith(path, opts, follow) {
  const p = toPath(path);
  opts = options(opts, { bigint: false, throwIfNoEntry: true });
  try {
    return makeStats(binding.stat(p, follow), opts);
  } catch (error) {
    if (opts.throwIfNoEntry === false && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
}

export function statSync(path, opts) { return statWith(path, opts, true); }
export function lstatSync(path, opts) { return statWith(path, opts, false); }
export function fstatSync(fd, opts) { return makeStats(binding.fstat(toFd(fd)), options(opts, {})); }

export function existsSync(path) {
  try {
    binding.stat(toPath(path), true);
    return true;
  } catch {
    return false;
  }
}

export function accessSync(path, mode = F_OK) {
  binding.access(toPath(path), toMode(mode, F_OK));
}

export function mkdirSync(path, opts) {
  const p = toPath(path);
  let recursive = false;
  let mode = 0o777;
  if (typeof opts === 'number' || typeof opts === 'string') mode = toMode(opts, 0o777);
  else if (opts) {
    recursive = Boolean(opts.recursive);
    mode = toMode(opts.mode, 0o777);
  }
  return binding.mkdir(p, recursive, mode);
}

export function rmdirSync(path, opts) {
  binding.rmdir(toPath(path), Boolean(opts && opts.recursive));
}

export function rmSync(path, opts) {
  opts = options(opts, { recursive: false, force: false });
  binding.rm(toPath(path), Boolean(opts.recursive), Boolean(opts.force));
}

export function unlinkSync(path) { binding.unlink(toPath(path)); }
export function renameSync(oldPath, newPath) { binding.rename(toPath(oldPath, 'oldPath'), toPath(newPath, 'newPath')); }
export function linkSync(existingPath, newPath) { binding.link(toPath(existingPath, 'existingPath'), toPath(newPath, 'newPath')); }
export function symlinkSync(target, path) { binding.symlink(toPath(target, 'target'), toPath(path)); }

export function readlinkSync(path, opts) {
  const { encoding } = options(opts, { encoding: 'utf8' });
  return encodeResult(binding.readlink(toPath(path)), encoding);
}

export function realpathSync(path, opts) {
  const { encoding } = options(opts, { encoding: 'utf8' });
  return encodeResult(binding.realpath(toPath(path)), encoding);
}
realpathSync.native = realpathSync;

export function copyFileSync(src, dest, mode = 0) {
  binding.copyFile(toPath(src, 'src'), toPath(dest, 'dest'), (toMode(mode, 0) & C.COPYFILE_EXCL) !== 0);
}

export function cpSync(src, dest, opts) {
  opts = options(opts, { recursive: false, force: true, errorOnExist: false });
  const from = toPath(src, 'src');
  const to = toPath(dest, 'dest');
  const info = binding.stat(from, !opts.verbatimSymlinks);
  if (kindOf(info.mode) === C.S_IFDIR) {
    if (!opts.recursive) {
      const error = new Error(`Recursive option is required to copy a directory: ${from}`);
      error.code = 'ERR_FS_EISDIR';
      throw error;
    }
    binding.mkdir(to, true, 0o777);
    for (const [name] of binding.readdir(from)) {
      if (opts.filter && !opts.filter(joinPath(from, name), joinPath(to, name))) continue;
      cpSync(joinPath(from, name), joinPath(to, name), opts);
    }
    return;
  }
  if (existsSync(to)) {
    if (opts.errorOnExist && !opts.force) {
      const error = new Error(`Target already exists: cp returned EEXIST (${to} already exists)`);
      error.code = 'ERR_FS_CP_EEXIST';
      throw error;
    }
    if (!opts.force) return;
  }
  binding.copyFile(from, to, false);
}

export function truncateSync(path, len = 0) {
  if (typeof path === 'number') return ftruncateSync(path, len);
  binding.truncate(toPath(path), len);
}

export function ftruncateSync(fd, len = 0) { binding.ftruncate(toFd(fd), len); }

export function utimesSync(path, atime, mtime) {
  binding.utimes(toPath(path), toSeconds(atime, 'atime'), toSeconds(mtime, 'mtime'));
}
// Symbolic links cannot be given times of their own through WASI: the target's change.
export const lutimesSync = utimesSync;
export function futimesSync(fd, atime, mtime) {
  binding.futimes(toFd(fd), toSeconds(atime, 'atime'), toSeconds(mtime, 'mtime'));
}

export function chmodSync(path, mode) { binding.chmod(toPath(path), toMode(mode, 0o666)); }
export const lchmodSync = chmodSync;
export function fchmodSync(fd, mode) { toFd(fd); toMode(mode, 0o666); }
// Owners do not exist under WASI: accepted and ignored.
export function chownSync(path) { toPath(path); }
export function lchownSync(path) { toPath(path); }
export function fchownSync(fd) { toFd(fd); }

export function mkdtempSync(prefix, opts) {
  const { encoding } = options(opts, { encoding: 'utf8' });
  return encodeResult(binding.mkdtemp(toPath(prefix, 'prefix')), encoding);
}

export function readdirSync(path, opts) {
  const p = toPath(path);
  opts = options(opts, { encoding: 'utf8', withFileTypes: false, recursive: false });
  checkEncoding(opts.encoding);
  const result = [];
  const visit = (dir, prefix) => {
    for (const [name, type] of binding.readdir(dir)) {
      const relative = prefix ? prefix + '/' + name : name;
      if (opts.withFileTypes) result.push(new Dirent(encodeResult(name, opts.encoding), type, dir));
      else result.push(encodeResult(relative, opts.encoding));
      if (opts.recursive && type === C.S_IFDIR) visit(joinPath(dir, name), relative);
    }
  };
  visit(p, '');
  return result;
}

export function openSync(path, flags, mode) {
  return binding.open(toPath(path), toFlags(flags), toMode(mode, 0o666));
}

export function closeSync(fd) { binding.close(toFd(fd)); }
export function fsyncSync(fd) { binding.fsync(toFd(fd)); }
export const fdatasyncSync = fsyncSync;

function checkBuffer(buffer) {
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
}

export function readSync(fd, buffer, offsetOrOptions, length, position) {
  toFd(fd);
  checkBuffer(buffer);
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
  }
  if (offset === undefined || offset === null) offset = 0;
  if (length === undefined || length === null) length = buffer.byteLength - offset;
  if (length === 0) return 0;
  return binding.read(fd, buffer, offset, length, position);
}

export function writeSync(fd, data, offsetOrOptions, length, position) {
  toFd(fd);
  if (typeof data === 'string') {
    // writeSync(fd, string[, position[, encoding]])
    const bytes = Buffer.from(data, typeof length === 'string' ? length : 'utf8');
    return binding.write(fd, bytes, 0, bytes.length, offsetOrOptions);
  }
  checkBuffer(data);
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length = data.byteLength - offset, position = null } = offsetOrOptions);
  }
  if (offset === undefined || offset === null) offset = 0;
  if (length === undefined || length === null) length = data.byteLength - offset;
  return binding.write(fd, data, offset, length, position);
}

export function readvSync(fd, buffers, position) {
  let total = 0;
  for (const buffer of buffers) {
    const n = readSync(fd, buffer, 0, buffer.byteLength, position);
    total += n;
    if (typeof position === 'number') position += n;
    if (n < buffer.byteLength) break;
  }
  return total;
}

export function writevSync(fd, buffers, position) {
  let total = 0;
  for (const buffer of buffers) {
    const n = writeSync(fd, buffer, 0, buffer.byteLength, position);
    total += n;
    if (typeof position === 'number') position += n;
  }
  return total;
}

function readAll(fd) {
  const chunks = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = binding.read(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

export function readFileSync(path, opts) {
  opts = options(opts, { encoding: null, flag: 'r' });
  checkEncoding(opts.encoding);
  let data;
  if (typeof path === 'number') {
    data = readAll(toFd(path));
  } else if (toFlags(opts.flag) === C.O_RDONLY) {
    const bytes = binding.readFile(toPath(path));
    data = Buffer.from(bytes, 0, bytes.byteLength);
  } else {
    const fd = openSync(path, opts.flag, 0o666);
    try {
      data = readAll(fd);
    } finally {
      closeSync(fd);
    }
  }
  return opts.encoding && opts.encoding !== 'buffer' ? data.toString(opts.encoding) : data;
}

function writeAll(fd, bytes) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    offset += binding.write(fd, bytes, offset, bytes.byteLength - offset, null);
  }
}

export function writeFileSync(file, data, opts) {
  opts = options(opts, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const bytes = toBytes(data, opts.encoding);
  if (typeof file === 'number') {
    writeAll(toFd(file), bytes);
    return;
  }
  const fd = openSync(file, opts.flag, opts.mode);
  try {
    writeAll(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

export function appendFileSync(file, data, opts) {
  opts = options(opts, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  writeFileSync(file, data, opts);
}

export class Dir {
  constructor(path, entries) {
    this.path = path;
    this._entries = entries;
    this._closed = false;
  }
  readSync() {
    if (this._closed) {
      const error = new Error('Directory handle was closed');
      error.code = 'ERR_DIR_CLOSED';
      throw error;
    }
    return this._entries.shift() || null;
  }
  read(callback) {
    if (typeof callback === 'function') {
      later(callback, () => this.readSync());
      return undefined;
    }
    return Promise.resolve().then(() => this.readSync());
  }
  closeSync() { this._closed = true; }
  close(callback) {
    this._closed = true;
    if (typeof callback === 'function') later(callback, () => undefined);
    else return Promise.resolve();
  }
  async *entries() {
    let entry;
    while ((entry = this.readSync()) !== null) yield entry;
    this.closeSync();
  }
  [Symbol.asyncIterator]() { return this.entries(); }
}

export function opendirSync(path, opts) {
  const p = toPath(path);
  return new Dir(p, readdirSync(p, { ...options(opts, {}), withFileTypes: true }));
}

function unsupported(name) {
  return function () {
    const error = new Error(`fs.${name} is not supported by wasmedge_boa (WASI has no file change notifications)`);
    error.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw error;
  };
}

export const watch = unsupported('watch');
export const watchFile = unsupported('watchFile');
export const unwatchFile = unsupported('unwatchFile');

// ---------------------------------------------------------------------------------------------
// Callback API: the synchronous operation runs on a later turn and the callback gets
// `(error, result)`.

function later(callback, operation) {
  setTimeout(() => {
    let result;
    try {
      result = operation();
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, result);
  }, 0);
}

function takeCallback(args) {
  const callback = args.length > 0 ? args[args.length - 1] : undefined;
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  return args.slice(0, -1);
}

function callbackForm(syncFunction) {
  return function (...args) {
    const callback = args[args.length - 1];
    const rest = takeCallback(args);
    later(callback, () => syncFunction(...rest));
  };
}

export const stat = callbackForm(statSync);
export const lstat = callbackForm(lstatSync);
export const fstat = callbackForm(fstatSync);
export const access = callbackForm(accessSync);
export const mkdir = callbackForm(mkdirSync);
export const rmdir = callbackForm(rmdirSync);
export const rm = callbackForm(rmSync);
export const unlink = callbackForm(unlinkSync);
export const rename = callbackForm(renameSync);
export const link = callbackForm(linkSync);
export const symlink = callbackForm(symlinkSync);
export const readlink = callbackForm(readlinkSync);
export const realpath = callbackForm(realpathSync);
realpath.native = realpath;
export const copyFile = callbackForm(copyFileSync);
export const cp = callbackForm(cpSync);
export const truncate = callbackForm(truncateSync);
export const ftruncate = callbackForm(ftruncateSync);
export const utimes = callbackForm(utimesSync);
export const lutimes = callbackForm(lutimesSync);
export const futimes = callbackForm(futimesSync);
export const chmod = callbackForm(chmodSync);
export const lchmod = callbackForm(lchmodSync);
export const fchmod = callbackForm(fchmodSync);
export const chown = callbackForm(chownSync);
export const lchown = callbackForm(lchownSync);
export const fchown = callbackForm(fchownSync);
export const mkdtemp = callbackForm(mkdtempSync);
export const readdir = callbackForm(readdirSync);
export const open = callbackForm(openSync);
export const close = function (fd, callback = () => {}) { later(callback, () => closeSync(fd)); };
export const fsync = callbackForm(fsyncSync);
export const fdatasync = callbackForm(fdatasyncSync);
export const readFile = callbackForm(readFileSync);
export const writeFile = callbackForm(writeFileSync);
export const appendFile = callbackForm(appendFileSync);
export const opendir = callbackForm(opendirSync);

export function exists(path, callback) {
  setTimeout(() => callback(existsSync(path)), 0);
}

/** `read(fd, buffer, offset, length, position, cb)`, `read(fd, {buffer, ...}, cb)`,
 *  `read(fd, buffer, {offset, ...}, cb)` or `read(fd, cb)`; `cb(err, bytesRead, buffer)`. */
export function read(fd, ...args) {
  const callback = args.pop();
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  let buffer;
  let offset = 0;
  let length;
  let position = null;
  if (args.length === 0 || (args.length === 1 && !ArrayBuffer.isView(args[0]))) {
    const o = args[0] || {};
    buffer = o.buffer || Buffer.alloc(16384);
    offset = o.offset || 0;
    length = o.length !== undefined ? o.length : buffer.byteLength - offset;
    position = o.position !== undefined ? o.position : null;
  } else if (args.length === 2 && args[1] !== null && typeof args[1] === 'object') {
    buffer = args[0];
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = args[1]);
  } else {
    [buffer, offset = 0, length, position = null] = args;
    if (length === undefined) length = buffer.byteLength - offset;
  }
  setTimeout(() => {
    let bytesRead;
    try {
      bytesRead = readSync(fd, buffer, offset, length, position);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, bytesRead, buffer);
  }, 0);
}

/** `write(fd, buffer, offset, length, position, cb)` or `write(fd, string, position, encoding, cb)`;
 *  `cb(err, bytesWritten, bufferOrString)`. */
export function write(fd, data, ...args) {
  const callback = args.pop();
  if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
  setTimeout(() => {
    let written;
    try {
      written = writeSync(fd, data, ...args);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, written, data);
  }, 0);
}

export function readv(fd, buffers, ...args) {
  const callback = args.pop();
  later((err, n) => callback(err, n, buffers), () => readvSync(fd, buffers, ...args));
}

export function writev(fd, buffers, ...args) {
  const callback = args.pop();
  later((err, n) => callback(err, n, buffers), () => writevSync(fd, buffers, ...args));
}

// ---------------------------------------------------------------------------------------------
// Streams.

export class ReadStream extends Readable {
  constructor(path, opts) {
    opts = options(opts, { flags: 'r', mode: 0o666, autoClose: true, highWaterMark: 64 * 1024 });
    super({ highWaterMark: opts.highWaterMark, encoding: opts.encoding });
    this.path = opts.fd === undefined || opts.fd === null ? toPath(path) : undefined;
    this.fd = opts.fd === undefined ? null : opts.fd;
    this.flags = opts.flags;
    this.mode = opts.mode;
    this.start = opts.start;
    this.end = opts.end === undefined ? Infinity : opts.end;
    this.pos = opts.start;
    this.bytesRead = 0;
    this.autoClose = opts.autoClose;
    this.pending = true;
    if (this.fd === null) {
      setTimeout(() => {
        try {
          this.fd = openSync(this.path, this.flags, this.mode);
          this.pending = false;
          this.emit('open', this.fd);
          this.emit('ready');
        } catch (error) {
          this.destroy(error);
        }
      }, 0);
    } else {
      this.pending = false;
    }
  }

  _read(size) {
    if (this.fd === null) {
      this.once('open', () => this._read(size));
      return;
    }
    const remaining = this.end - (this.pos === undefined ? this.bytesRead : this.pos) + 1;
    const want = Math.max(0, Math.min(size, remaining));
    if (want === 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(want);
    let n;
    try {
      n = readSync(this.fd, buffer, 0, want, this.pos === undefined ? null : this.pos);
    } catch (error) {
      this.destroy(error);
      return;
    }
    if (this.pos !== undefined) this.pos += n;
    this.bytesRead += n;
    this.push(n > 0 ? buffer.subarray(0, n) : null);
  }

  _destroy(error, callback) {
    if (this.autoClose && typeof this.fd === 'number') {
      try { closeSync(this.fd); } catch { /* already closed */ }
      this.fd = null;
      setTimeout(() => this.emit('close'), 0);
    }
    callback(error);
  }

  close(callback) {
    if (typeof callback === 'function') this.once('close', () => callback());
    this.destroy();
  }
}

export class WriteStream extends Writable {
  constructor(path, opts) {
    opts = options(opts, { flags: 'w', mode: 0o666, autoClose: true, encoding: 'utf8' });
    super({ highWaterMark: opts.highWaterMark, decodeStrings: true, defaultEncoding: opts.encoding });
    this.path = opts.fd === undefined || opts.fd === null ? toPath(path) : undefined;
    this.flags = opts.flags;
    this.mode = opts.mode;
    this.start = opts.start;
    this.pos = opts.start;
    this.bytesWritten = 0;
    this.autoClose = opts.autoClose;
    this.fd = opts.fd === undefined || opts.fd === null ? openSync(this.path, this.flags, this.mode) : opts.fd;
    this.pending = false;
    setTimeout(() => {
      this.emit('open', this.fd);
      this.emit('ready');
    }, 0);
  }

  _write(chunk, encoding, callback) {
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      let offset = 0;
      while (offset < bytes.byteLength) {
        const n = writeSync(this.fd, bytes, offset, bytes.byteLength - offset, this.pos === undefined ? null : this.pos);
        offset += n;
        if (this.pos !== undefined) this.pos += n;
      }
      this.bytesWritten += bytes.byteLength;
      callback();
    } catch (error) {
      callback(error);
    }
  }

  _final(callback) {
    callback();
  }

  _destroy(error, callback) {
    if (this.autoClose && typeof this.fd === 'number') {
      try { closeSync(this.fd); } catch { /* already closed */ }
      this.fd = null;
      setTimeout(() => this.emit('close'), 0);
    }
    callback(error);
  }

  close(callback) {
    if (typeof callback === 'function') this.once('close', () => callback());
    this.end();
  }
}

export function createReadStream(path, opts) { return new ReadStream(path, opts); }
export function createWriteStream(path, opts) { return new WriteStream(path, opts); }

// ---------------------------------------------------------------------------------------------
// Promise API (also the module `fs/promises`).

function deferred(operation) {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      try {
        resolve(operation());
      } catch (error) {
        reject(error);
      }
    }, 0);
  });
}

export class FileHandle {
  constructor(fd) {
    this.fd = fd;
  }
  getAsyncId() { return this.fd; }
  read(buffer, offset, length, position) {
    if (buffer === undefined || (buffer !== null && !ArrayBuffer.isView(buffer) && typeof buffer === 'object')) {
      const o = buffer || {};
      buffer = o.buffer || Buffer.alloc(16384);
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = o);
    }
    return deferred(() => ({ bytesRead: readSync(this.fd, buffer, offset, length, position), buffer }));
  }
  write(data, ...args) {
    return deferred(() => ({ bytesWritten: writeSync(this.fd, data, ...args), buffer: data }));
  }
  readv(buffers, position) { return deferred(() => ({ bytesRead: readvSync(this.fd, buffers, position), buffers })); }
  writev(buffers, position) { return deferred(() => ({ bytesWritten: writevSync(this.fd, buffers, position), buffers })); }
  readFile(opts) { return deferred(() => readFileSync(this.fd, opts)); }
  writeFile(data, opts) { return deferred(() => writeFileSync(this.fd, data, opts)); }
  appendFile(data, opts) { return deferred(() => writeFileSync(this.fd, data, opts)); }
  stat(opts) { return deferred(() => fstatSync(this.fd, opts)); }
  truncate(len) { return deferred(() => ftruncateSync(this.fd, len)); }
  sync() { return deferred(() => fsyncSync(this.fd)); }
  datasync() { return deferred(() => fsyncSync(this.fd)); }
  utimes(atime, mtime) { return deferred(() => futimesSync(this.fd, atime, mtime)); }
  chmod(mode) { return deferred(() => fchmodSync(this.fd, mode)); }
  chown() { return deferred(() => undefined); }
  createReadStream(opts) { return new ReadStream(null, { ...opts, fd: this.fd }); }
  createWriteStream(opts) { return new WriteStream(null, { ...opts, fd: this.fd }); }
  async *readLines() {
    const text = readFileSync(this.fd, 'utf8');
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    yield* lines;
  }
  close() {
    return deferred(() => {
      if (this.fd >= 0) {
        closeSync(this.fd);
        this.fd = -1;
      }
    });
  }
}

function promiseForm(syncFunction) {
  return (...args) => deferred(() => syncFunction(...args));
}

export const promises = {
  access: promiseForm(accessSync),
  appendFile: promiseForm((file, ...rest) => appendFileSync(file instanceof FileHandle ? file.fd : file, ...rest)),
  chmod: promiseForm(chmodSync),
  chown: promiseForm(chownSync),
  copyFile: promiseForm(copyFileSync),
  cp: promiseForm(cpSync),
  lchmod: promiseForm(lchmodSync),
  lchown: promiseForm(lchownSync),
  link: promiseForm(linkSync),
  lstat: promiseForm(lstatSync),
  lutimes: promiseForm(lutimesSync),
  mkdir: promiseForm(mkdirSync),
  mkdtemp: promiseForm(mkdtempSync),
  open: (path, flags, mode) => deferred(() => new FileHandle(openSync(path, flags, mode))),
  opendir: promiseForm(opendirSync),
  readdir: promiseForm(readdirSync),
  readFile: promiseForm((file, opts) => readFileSync(file instanceof FileHandle ? file.fd : file, opts)),
  readlink: promiseForm(readlinkSync),
  realpath: promiseForm(realpathSync),
  rename: promiseForm(renameSync),
  rm: promiseForm(rmSync),
  rmdir: promiseForm(rmdirSync),
  stat: promiseForm(statSync),
  symlink: promiseForm(symlinkSync),
  truncate: promiseForm(truncateSync),
  unlink: promiseForm(unlinkSync),
  utimes: promiseForm(utimesSync),
  watch: unsupported('promises.watch'),
  writeFile: promiseForm((file, ...rest) => writeFileSync(file instanceof FileHandle ? file.fd : file, ...rest)),
  constants,
};

export default {
  F_OK, R_OK, W_OK, X_OK, constants, promises, Stats, BigIntStats, Dirent, Dir, FileHandle,
  ReadStream, WriteStream, createReadStream, createWriteStream,
  statSync, lstatSync, fstatSync, existsSync, accessSync, mkdirSync, rmdirSync, rmSync, unlinkSync,
  renameSync, linkSync, symlinkSync, readlinkSync, realpathSync, copyFileSync, cpSync, truncateSync,
  ftruncateSync, utimesSync, lutimesSync, futimesSync, chmodSync, lchmodSync, fchmodSync, chownSync,
  lchownSync, fchownSync, mkdtempSync, readdirSync, openSync, closeSync, fsyncSync, fdatasyncSync,
  readSync, writeSync, readvSync, writevSync, readFileSync, writeFileSync, appendFileSync, opendirSync,
  watch, watchFile, unwatchFile,
  stat, lstat, fstat, access, mkdir, rmdir, rm, unlink, rename, link, symlink, readlink, realpath,
  copyFile, cp, truncate, ftruncate, utimes, lutimes, futimes, chmod, lchmod, fchmod, chown, lchown,
  fchown, mkdtemp, readdir, open, close, fsync, fdatasync, readFile, writeFile, appendFile, opendir,
  exists, read, write, readv, writev,
};
