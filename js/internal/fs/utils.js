// The one argument-validation layer and options normaliser of `fs` and `fs/promises`: every
// function of both modules takes its paths, descriptors, flags, modes, times, positions and
// options through here, so they accept and reject exactly what Node does, with Node's error
// codes and messages (internal/errors). Also the classes both modules return: Stats,
// BigIntStats, Dirent.
import { Buffer } from 'buffer';
import { codes, systemError } from 'internal/errors';
import {
  validateAbortSignal, validateBoolean, validateFunction, validateInt32, validateInteger,
  validateObject, validateUint32, kEmptyObject,
} from 'internal/validators';

const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_INVALID_URL_SCHEME,
  ERR_INVALID_FILE_URL_HOST, ERR_INVALID_FILE_URL_PATH, ERR_FS_INVALID_SYMLINK_TYPE,
} = codes;

export { kEmptyObject };

// Node's values on Linux.
export const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
  EXTENSIONLESS_FORMAT_JAVASCRIPT: 0, EXTENSIONLESS_FORMAT_WASM: 1,
  S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o040000, S_IFCHR: 0o020000, S_IFBLK: 0o060000,
  S_IFIFO: 0o010000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
  O_CREAT: 0o100, O_EXCL: 0o200, UV_FS_O_FILEMAP: 0, O_NOCTTY: 0o400, O_TRUNC: 0o1000,
  O_APPEND: 0o2000, O_DIRECTORY: 0o200000, O_NOATIME: 0o1000000, O_NOFOLLOW: 0o400000,
  O_SYNC: 0o4010000, O_DSYNC: 0o10000, O_DIRECT: 0o40000, O_NONBLOCK: 0o4000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100,
  S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IXGRP: 0o10,
  S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1,
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1,
  UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});
const C = constants;

/** Node's largest single read or write (and readFile size): 2 GiB - 1. */
export const kIoMaxLength = 2 ** 31 - 1;
export const kMaxUserId = 2 ** 32 - 1;

// ---------------------------------------------------------------------------------------------
// Paths.

function isURL(value) {
  return value !== null && typeof value === 'object' && typeof value.href === 'string' &&
    typeof value.protocol === 'string' && value.auth === undefined && value.path === undefined;
}

/** A `file:` URL as a path (`ERR_INVALID_URL_SCHEME`, host and `%2F` checks as in Node). */
export function fileURLToPath(url) {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (parsed.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(globalThis.process ? process.platform : 'linux');
  const pathname = parsed.pathname;
  for (let i = 0; i < pathname.length; i++) {
    if (pathname[i] === '%') {
      const third = pathname.codePointAt(i + 2) | 0x20;
      if (pathname[i + 1] === '2' && third === 102) {
        throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

export function toPathIfFileURL(value) {
  return isURL(value) ? fileURLToPath(value) : value;
}

/**
 * A path argument (string, Buffer/Uint8Array or `file:` URL) as a string: anything else is
 * ERR_INVALID_ARG_TYPE, a NUL byte ERR_INVALID_ARG_VALUE.
 */
export function getValidatedPath(value, name = 'path') {
  const path = toPathIfFileURL(value);
  if (typeof path !== 'string' && !(path instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
  }
  const text = typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength).toString();
  if (text.includes('\u0000')) {
    throw new ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return text;
}

/** A path, or a descriptor (`readFile(fd)`, `writeFile(fd)`): `{ fd }` or `{ path }`. */
export function pathOrFd(value, name = 'path') {
  if (typeof value === 'number') return { fd: getValidatedFd(value) };
  return { path: getValidatedPath(value, name) };
}

// ---------------------------------------------------------------------------------------------
// Descriptors, flags, modes, owners, times.

export function getValidatedFd(fd, name = 'fd') {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
}

const FLAGS = {
  r: C.O_RDONLY, rs: C.O_RDONLY | C.O_SYNC, sr: C.O_RDONLY | C.O_SYNC,
  'r+': C.O_RDWR, 'rs+': C.O_RDWR | C.O_SYNC, 'sr+': C.O_RDWR | C.O_SYNC,
  w: C.O_TRUNC | C.O_CREAT | C.O_WRONLY,
  wx: C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL, xw: C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  'w+': C.O_TRUNC | C.O_CREAT | C.O_RDWR,
  'wx+': C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL, 'xw+': C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  a: C.O_APPEND | C.O_CREAT | C.O_WRONLY,
  ax: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL, xa: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  as: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC, sa: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC,
  'a+': C.O_APPEND | C.O_CREAT | C.O_RDWR,
  'ax+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL, 'xa+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  'as+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC, 'sa+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC,
};

/** `'r'`, `'wx+'`… or a number as open flags; `null`/`undefined` read-only. */
export function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags === null || flags === undefined) return C.O_RDONLY;
  const value = typeof flags === 'string' ? FLAGS[flags] : undefined;
  if (value === undefined) throw new ERR_INVALID_ARG_VALUE(name, flags);
  return value;
}

const octal = /^[0-7]+$/;
const modeDescription = 'must be a 32-bit unsigned integer or an octal string';

/** A mode (`0o644`, `'644'`), `fallback` when missing. */
export function parseFileMode(value, name, fallback) {
  if (value === undefined || value === null) value = fallback;
  if (typeof value === 'string') {
    if (!octal.test(value)) throw new ERR_INVALID_ARG_VALUE(name, value, modeDescription);
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
}

export function validateId(value, name) {
  validateInteger(value, name, -1, kMaxUserId);
}

/** Seconds since the epoch from a Date, a number of seconds or a numeric string. */
export function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time; // eslint-disable-line eqeqeq
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

export function validateSymlinkType(type) {
  if (type !== undefined && type !== null && type !== 'dir' && type !== 'file' && type !== 'junction') {
    throw new ERR_FS_INVALID_SYMLINK_TYPE(type);
  }
}

// ---------------------------------------------------------------------------------------------
// Buffers, offsets, lengths, positions.

export function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

/** Bytes of a TypedArray/DataView, as a Uint8Array over the same memory. */
export function bytesOf(view) {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export function validateBufferArg(buffer, name = 'buffer') {
  if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], buffer);
}

export function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw new ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) throw new ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
}

export function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw new ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw new ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
}

/** A read/write position: a safe integer ≥ -1, or a BigInt that fits with `length`. */
export function validatePosition(position, name, length) {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
  } else if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw new ERR_OUT_OF_RANGE(name, `>= -1 && <= ${max}`, position);
  } else {
    throw new ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
  }
}

/** `null` for "the current position", else the position the binding takes. */
export function normalizePosition(position) {
  if (position === null || position === undefined) return null;
  if (typeof position === 'bigint') return position < 0n ? null : position;
  return position < 0 ? null : position;
}

// ---------------------------------------------------------------------------------------------
// Options.

/** Node's `assertEncoding`: an encoding Buffer knows (or none). */
export function assertEncoding(encoding) {
  if (encoding && !Buffer.isEncoding(encoding)) {
    const reason = 'is invalid encoding';
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, reason);
  }
}

/**
 * Node's option handling: missing options give `defaults`; a string is the encoding; an object
 * is used as it is (missing fields fall back where each function reads them). The encoding and
 * the signal are checked.
 */
export function getOptions(options, defaults = kEmptyObject) {
  if (options === null || options === undefined || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    options = { ...defaults, encoding: options };
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  }
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

/** The options of `rm`/`rmSync`/`rmdir`, checked. */
export function validateRmOptions(options, defaults) {
  options = options === undefined ? defaults : { ...defaults, ...options };
  validateObject(options, 'options');
  validateBoolean(options.recursive, 'options.recursive');
  if (options.force !== undefined) validateBoolean(options.force, 'options.force');
  validateInt32(options.retryDelay, 'options.retryDelay', 0);
  validateUint32(options.maxRetries, 'options.maxRetries');
  return options;
}

/** `rm` of a directory without `recursive`: Node's ERR_FS_EISDIR SystemError. */
export function eisdirError(path) {
  return systemError('ERR_FS_EISDIR', 'Path is a directory', {
    code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: 21,
  });
}

export function getValidMode(mode, type) {
  let min = 0;
  let max = C.F_OK | C.R_OK | C.W_OK | C.X_OK;
  let fallback = C.F_OK;
  if (type === 'copyFile') {
    max = C.COPYFILE_EXCL | C.COPYFILE_FICLONE | C.COPYFILE_FICLONE_FORCE;
    min = 0;
    fallback = 0;
  }
  if (mode === undefined || mode === null) return fallback;
  validateInteger(mode, 'mode', min, max);
  return mode;
}

/** Encodes a path or name result: a string, or a Buffer for `'buffer'`. */
export function encodeName(text, encoding) {
  if (encoding === 'buffer') return Buffer.from(text);
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return text;
  return Buffer.from(text).toString(encoding);
}

export {
  validateFunction, validateBoolean, validateObject, validateInteger, validateInt32, validateUint32, validateAbortSignal,
};

// ---------------------------------------------------------------------------------------------
// Stats and Dirent.

const kNsPerMsBigInt = 1000000n;

function msFromNs(ns) {
  return Number(BigInt(ns) / 1000n) / 1000;
}

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

// Own properties are set in the order the reference runtime listed them (its
// `JSON.stringify(stats)` output keeps its shape); the constructors take Node's arguments.
function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev;
  this.ino = ino;
  this.mode = mode;
  this.nlink = nlink;
  this.uid = uid;
  this.gid = gid;
  this.rdev = rdev;
  this.size = size;
  this.blksize = blksize;
  this.blocks = blocks;
}

function modeType(stats) {
  return typeof stats.mode === 'bigint' ? Number(stats.mode & BigInt(C.S_IFMT)) : stats.mode & C.S_IFMT;
}

StatsBase.prototype.isDirectory = function () { return modeType(this) === C.S_IFDIR; };
StatsBase.prototype.isFile = function () { return modeType(this) === C.S_IFREG; };
StatsBase.prototype.isBlockDevice = function () { return modeType(this) === C.S_IFBLK; };
StatsBase.prototype.isCharacterDevice = function () { return modeType(this) === C.S_IFCHR; };
StatsBase.prototype.isSymbolicLink = function () { return modeType(this) === C.S_IFLNK; };
StatsBase.prototype.isFIFO = function () { return modeType(this) === C.S_IFIFO; };
StatsBase.prototype.isSocket = function () { return modeType(this) === C.S_IFSOCK; };

/** `fs.Stats`: callable without `new`, as in Node (its arguments are the raw fields). */
export function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.mtime = dateFromMs(mtimeMs);
  this.atime = dateFromMs(atimeMs);
  this.birthtime = dateFromMs(birthtimeMs);
  this.mtimeMs = mtimeMs;
  this.atimeMs = atimeMs;
  this.birthtimeMs = birthtimeMs;
  this.ctime = dateFromMs(ctimeMs);
  this.ctimeMs = ctimeMs;
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Stats.prototype._checkModeProperty = function (property) {
  return modeType(this) === property;
};

export function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.mtime = dateFromMs(mtimeNs / kNsPerMsBigInt);
  this.atime = dateFromMs(atimeNs / kNsPerMsBigInt);
  this.birthtime = dateFromMs(birthtimeNs / kNsPerMsBigInt);
  this.mtimeMs = mtimeNs / kNsPerMsBigInt;
  this.atimeMs = atimeNs / kNsPerMsBigInt;
  this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
  this.mtimeNs = mtimeNs;
  this.atimeNs = atimeNs;
  this.birthtimeNs = birthtimeNs;
  this.ctime = dateFromMs(ctimeNs / kNsPerMsBigInt);
  this.ctimeMs = ctimeNs / kNsPerMsBigInt;
  this.ctimeNs = ctimeNs;
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
BigIntStats.prototype._checkModeProperty = Stats.prototype._checkModeProperty;

/** Stats from the binding's raw record (`{dev, …, atimeNs, …}`). */
export function makeStats(raw, bigint = false) {
  if (bigint) {
    const b = (key) => BigInt(raw[key]);
    return new BigIntStats(b('dev'), b('mode'), b('nlink'), b('uid'), b('gid'), b('rdev'), b('blksize'), b('ino'),
      b('size'), b('blocks'), BigInt(raw.atimeNs), BigInt(raw.mtimeNs), BigInt(raw.ctimeNs), BigInt(raw.birthtimeNs));
  }
  return new Stats(raw.dev, raw.mode, raw.nlink, raw.uid, raw.gid, raw.rdev, raw.blksize, raw.ino, raw.size,
    raw.blocks, msFromNs(raw.atimeNs), msFromNs(raw.mtimeNs), msFromNs(raw.ctimeNs), msFromNs(raw.birthtimeNs));
}

const kType = Symbol('type');

export class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === C.UV_DIRENT_DIR; }
  isFile() { return this[kType] === C.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === C.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === C.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === C.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === C.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === C.UV_DIRENT_SOCKET; }
}

/** The binding reports entry kinds as `S_IF*` bits; Dirent uses libuv's numbers. */
export function direntType(modeBits) {
  switch (modeBits & C.S_IFMT) {
    case C.S_IFREG: return C.UV_DIRENT_FILE;
    case C.S_IFDIR: return C.UV_DIRENT_DIR;
    case C.S_IFLNK: return C.UV_DIRENT_LINK;
    case C.S_IFIFO: return C.UV_DIRENT_FIFO;
    case C.S_IFSOCK: return C.UV_DIRENT_SOCKET;
    case C.S_IFCHR: return C.UV_DIRENT_CHAR;
    case C.S_IFBLK: return C.UV_DIRENT_BLOCK;
    default: return C.UV_DIRENT_UNKNOWN;
  }
}

export function joinPath(dir, name) {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

export default {
  constants, kIoMaxLength, getValidatedPath, getValidatedFd, stringToFlags, parseFileMode, toUnixTimestamp,
  getOptions, Stats, BigIntStats, Dirent, makeStats,
};
