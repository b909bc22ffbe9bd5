// Module `path`: POSIX path manipulation, written for wasmedge_boa.
// `win32` is provided as an alias of the POSIX implementation (WASI paths are POSIX).

export const sep = '/';
export const delimiter = ':';

function assertPath(value, name = 'path') {
  if (typeof value !== 'string') {
    const err = new TypeError('The "' + name + '" argument must be of type string. Received ' +
      (value === null ? 'null' : typeof value));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

/** Resolves `.` and `..` segments; keeps leading `..` for relative paths. */
function normalizeSegments(path, allowAboveRoot) {
  const out = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(segment);
    }
  }
  return out;
}

function currentDirectory() {
  const proc = globalThis.process;
  if (proc && typeof proc.cwd === 'function') {
    try { return proc.cwd(); } catch { /* fall through */ }
  }
  return '/';
}

export function normalize(path) {
  assertPath(path);
  if (path === '') return '.';
  const absolute = path.startsWith('/');
  const trailing = path.endsWith('/');
  let result = normalizeSegments(path, !absolute).join('/');
  if (result === '' && !absolute) result = '.';
  if (result !== '' && trailing) result += '/';
  return absolute ? '/' + result : result;
}

export function isAbsolute(path) {
  assertPath(path);
  return path.startsWith('/');
}

export function join(...parts) {
  for (const p of parts) assertPath(p);
  const joined = parts.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts) {
  let resolved = '';
  let absolute = false;
  for (let i = parts.length - 1; i >= -1 && !absolute; i--) {
    const p = i >= 0 ? parts[i] : currentDirectory();
    assertPath(p);
    if (p === '') continue;
    resolved = p + '/' + resolved;
    absolute = p.startsWith('/');
  }
  const body = normalizeSegments(resolved, !absolute).join('/');
  if (absolute) return '/' + body;
  return body === '' ? '.' : body;
}

export function relative(from, to) {
  assertPath(from, 'from');
  assertPath(to, 'to');
  if (from === to) return '';
  const a = normalizeSegments(resolve(from), false);
  const b = normalizeSegments(resolve(to), false);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export function dirname(path) {
  assertPath(path);
  if (path === '') return '.';
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const slash = path.lastIndexOf('/', end - 1);
  if (slash === -1) return '.';
  if (slash === 0) return '/';
  let stop = slash;
  while (stop > 1 && path[stop - 1] === '/') stop--;
  return path.slice(0, stop);
}

export function basename(path, suffix) {
  assertPath(path);
  if (suffix !== undefined) assertPath(suffix, 'ext');
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  if (end === 0) return '';
  const base = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  if (suffix !== undefined && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
  return base;
}

export function extname(path) {
  assertPath(path);
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || base === '..') return '';
  return base.slice(dot);
}

export function parse(path) {
  assertPath(path);
  const root = path.startsWith('/') ? '/' : '';
  if (path === '' || path === root) return { root, dir: root, base: '', ext: '', name: '' };
  const base = basename(path);
  const ext = extname(path);
  let dir = dirname(path);
  if (path.indexOf('/') === -1) dir = '';
  return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
}

export function format(obj) {
  if (obj === null || typeof obj !== 'object') {
    const err = new TypeError('The "pathObject" argument must be of type object. Received ' + (obj === null ? 'null' : typeof obj));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const dir = obj.dir || obj.root || '';
  const base = obj.base || ((obj.name || '') + (obj.ext ? (obj.ext.startsWith('.') ? '' : '.') + obj.ext : ''));
  if (!dir) return base;
  return dir === obj.root ? dir + base : dir + '/' + base;
}

export function toNamespacedPath(path) { return path; }
export const _makeLong = toNamespacedPath;

export function matchesGlob(path, pattern) {
  assertPath(path);
  assertPath(pattern, 'pattern');
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') { re += '.*'; i++; if (pattern[i + 1] === '/') i++; }
      else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$').test(path);
}

const path = {
  sep, delimiter, normalize, isAbsolute, join, resolve, relative, dirname, basename, extname,
  parse, format, toNamespacedPath, _makeLong, matchesGlob,
};
path.posix = path;
path.win32 = path;
export const posix = path;
export const win32 = path;
export default path;
