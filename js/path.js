// Module `path`: Node's `path.posix` and `path.win32`, written for wasmedge_boa from Node's
// documented behaviour (and checked against Node's own path tests). `path` itself is the POSIX
// flavour: WASI paths are POSIX paths.
//
// Both flavours share one segment normaliser; the Windows flavour first splits a path into its
// root (`C:`, `C:\`, `\`, `\\server\share\`) and the rest, with `/` and `\` both separators.
import { codes } from 'internal/errors';

const { ERR_INVALID_ARG_TYPE } = codes;

function validateString(value, name) {
  if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE(name, 'string', value);
}

function validatePathObject(value) {
  if (value === null || typeof value !== 'object') throw new ERR_INVALID_ARG_TYPE('pathObject', 'Object', value);
}

const isPosixSeparator = (c) => c === '/';
const isWindowsSeparator = (c) => c === '/' || c === '\\';
const isDriveLetter = (c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

function currentDirectory() {
  const proc = globalThis.process;
  return proc && typeof proc.cwd === 'function' ? proc.cwd() : '/';
}

/**
 * Resolves `.` and `..` in a path without its root. Separators (per `isSeparator`) are collapsed
 * and the result is joined with `separator`; with `allowAboveRoot`, leading `..` are kept.
 */
function normalizeSegments(path, allowAboveRoot, separator, isSeparator) {
  const out = [];
  let segment = '';
  const flush = () => {
    if (segment === '' || segment === '.') {
      // nothing
    } else if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(segment);
    }
    segment = '';
  };
  for (let i = 0; i < path.length; i++) {
    if (isSeparator(path[i])) flush();
    else segment += path[i];
  }
  flush();
  return out.join(separator);
}

/**
 * The base name's end and start in `path` (trailing separators ignored) and where its extension
 * starts (-1: none). A leading dot (`.bashrc`) and `..` have no extension.
 */
function scanBase(path, rootLength, isSeparator) {
  let end = path.length;
  while (end > rootLength && isSeparator(path[end - 1])) end--;
  let start = end;
  while (start > rootLength && !isSeparator(path[start - 1])) start--;
  const base = path.slice(start, end);
  const dot = base.lastIndexOf('.');
  const ext = dot <= 0 || base === '..' ? -1 : start + dot;
  return { start, end, ext };
}

/** Node's basename: a `suffix` is removed when it ends the base name but is not all of it. */
function basenameWith(path, suffix, rootLength, isSeparator) {
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return '';
    let suffixIndex = suffix.length - 1;
    let firstNonSeparatorEnd = -1;
    let matchedSeparator = true;
    let start = rootLength;
    let end = -1;
    for (let i = path.length - 1; i >= rootLength; --i) {
      if (isSeparator(path[i])) {
        if (!matchedSeparator) {
          start = i + 1;
          break;
        }
        continue;
      }
      if (firstNonSeparatorEnd === -1) {
        matchedSeparator = false;
        firstNonSeparatorEnd = i + 1;
      }
      if (suffixIndex >= 0) {
        if (path[i] === suffix[suffixIndex]) {
          suffixIndex--;
          if (suffixIndex === -1) end = i;
        } else {
          suffixIndex = -1;
          end = firstNonSeparatorEnd;
        }
      }
    }
    if (start === end) end = firstNonSeparatorEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }
  const { start, end } = scanBase(path, rootLength, isSeparator);
  return path.slice(start, end);
}

function formatWith(separator, object) {
  validatePathObject(object);
  const dir = object.dir || object.root;
  const ext = object.ext ? `${object.ext[0] === '.' ? '' : '.'}${object.ext}` : '';
  const base = object.base || `${object.name || ''}${ext}`;
  if (!dir) return base;
  return dir === object.root ? `${dir}${base}` : `${dir}${separator}${base}`;
}

/** `path.matchesGlob`: `*`, `**`, `?`, `[...]` and `{a,b}` over `/`-separated segments. */
function globToRegExp(pattern, separators) {
  const sep = separators === '/' ? '/' : '[\\\\/]';
  const notSep = separators === '/' ? '[^/]' : '[^\\\\/]';
  let re = '^';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || separators.includes(pattern[i - 1]);
        i++;
        const next = pattern[i + 1];
        if (atSegmentStart && next !== undefined && separators.includes(next)) {
          i++;
          re += `(?:${notSep}*${sep})*`;
        } else {
          re += '.*';
        }
      } else {
        re += `${notSep}*`;
      }
    } else if (c === '?') {
      re += notSep;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) { re += '\\['; continue; }
      let body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (body[0] === '!') body = `^${body.slice(1)}`;
      re += `[${body}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (separators.includes(c)) {
      re += sep;
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`${re}$`);
}

// ---------------------------------------------------------------------------------------------
// POSIX.

export const posix = {
  sep: '/',
  delimiter: ':',

  resolve(...paths) {
    let resolved = '';
    let absolute = false;
    for (let i = paths.length - 1; i >= -1 && !absolute; i--) {
      let path;
      if (i >= 0) {
        path = paths[i];
        validateString(path, `paths[${i}]`);
      } else {
        path = currentDirectory();
      }
      if (path.length === 0) continue;
      resolved = `${path}/${resolved}`;
      absolute = path[0] === '/';
    }
    const tail = normalizeSegments(resolved, !absolute, '/', isPosixSeparator);
    if (absolute) return `/${tail}`;
    return tail.length > 0 ? tail : '.';
  },

  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const absolute = path[0] === '/';
    const trailing = path[path.length - 1] === '/';
    let tail = normalizeSegments(path, !absolute, '/', isPosixSeparator);
    if (tail.length === 0) {
      if (absolute) return '/';
      return trailing ? './' : '.';
    }
    if (trailing) tail += '/';
    return absolute ? `/${tail}` : tail;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path[0] === '/';
  },

  join(...paths) {
    if (paths.length === 0) return '.';
    const parts = [];
    for (const path of paths) {
      validateString(path, 'path');
      if (path.length > 0) parts.push(path);
    }
    return parts.length === 0 ? '.' : posix.normalize(parts.join('/'));
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';
    const a = from.split('/').filter(Boolean);
    const b = to.split('/').filter(Boolean);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
  },

  toNamespacedPath(path) {
    return path;
  },

  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const rooted = path[0] === '/';
    let end = -1;
    let matchedSeparator = true;
    for (let i = path.length - 1; i >= 1; --i) {
      if (path[i] === '/') {
        if (!matchedSeparator) {
          end = i;
          break;
        }
      } else {
        matchedSeparator = false;
      }
    }
    if (end === -1) return rooted ? '/' : '.';
    if (rooted && end === 1) return '//';
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return basenameWith(path, suffix, 0, isPosixSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    const { end, ext } = scanBase(path, 0, isPosixSeparator);
    return ext === -1 ? '' : path.slice(ext, end);
  },

  format(pathObject) {
    return formatWith('/', pathObject);
  },

  parse(path) {
    validateString(path, 'path');
    const result = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return result;
    const absolute = path[0] === '/';
    const rootLength = absolute ? 1 : 0;
    if (absolute) result.root = '/';
    const { start, end, ext } = scanBase(path, rootLength, isPosixSeparator);
    if (end > start) {
      result.base = path.slice(start, end);
      if (absolute && start === 1 && result.base === '..') {
        // Node's quirk: right after the root, `..` parses as name '.' and extension '.'.
        result.name = '.';
        result.ext = '.';
      } else if (ext === -1) {
        result.name = result.base;
      } else {
        result.name = path.slice(start, ext);
        result.ext = path.slice(ext, end);
      }
    }
    const dirEnd = start - 1;
    if (start > rootLength && dirEnd > 0) result.dir = path.slice(0, dirEnd);
    else if (absolute) result.dir = '/';
    return result;
  },

  matchesGlob(path, pattern) {
    validateString(path, 'path');
    validateString(pattern, 'pattern');
    return globToRegExp(pattern, '/').test(path);
  },
};

// ---------------------------------------------------------------------------------------------
// Windows.

/**
 * The root of a Windows path: `device` (`C:` or `\\server\share`, else ''), where the rest
 * starts (`rootEnd`) and whether it is absolute. `uncOnly` is set for `\\server\share` with
 * nothing after it.
 */
function windowsRoot(path) {
  const length = path.length;
  const root = { device: '', rootEnd: 0, absolute: false, uncOnly: false };
  if (length === 0) return root;
  if (isWindowsSeparator(path[0])) {
    root.absolute = true;
    root.rootEnd = 1;
    if (length > 1 && isWindowsSeparator(path[1])) {
      let j = 2;
      while (j < length && !isWindowsSeparator(path[j])) j++;
      if (j < length && j !== 2) {
        const server = path.slice(2, j);
        while (j < length && isWindowsSeparator(path[j])) j++;
        const shareStart = j;
        if (j < length) {
          while (j < length && !isWindowsSeparator(path[j])) j++;
          root.device = `\\\\${server}\\${path.slice(shareStart, j)}`;
          root.rootEnd = j;
          root.uncOnly = j === length;
        }
      }
    }
  } else if (length > 1 && isDriveLetter(path[0]) && path[1] === ':') {
    root.device = path.slice(0, 2);
    root.rootEnd = 2;
    if (length > 2 && isWindowsSeparator(path[2])) {
      root.absolute = true;
      root.rootEnd = 3;
    }
  }
  return root;
}

/** The root as the prefix parse()/dirname() keep (`C:\`, `\\server\share\`, `\`). */
function windowsRootLength(path) {
  const root = windowsRoot(path);
  if (root.device.startsWith('\\\\')) {
    // A UNC root includes the separator after the share.
    return root.rootEnd < path.length ? root.rootEnd + 1 : root.rootEnd;
  }
  return root.rootEnd;
}

export const win32 = {
  sep: '\\',
  delimiter: ';',

  resolve(...paths) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = paths.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = paths[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (device.length === 0) {
        path = currentDirectory();
      } else {
        // The current directory of that drive (Windows keeps one per drive in `=C:`).
        const env = globalThis.process && process.env ? process.env : {};
        path = env[`=${device}`] || currentDirectory();
        if (path === undefined ||
            (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path[2] === '\\')) {
          path = `${device}\\`;
        }
      }
      const root = windowsRoot(path);
      if (root.device.length > 0) {
        if (device.length > 0) {
          if (root.device.toLowerCase() !== device.toLowerCase()) continue;
        } else {
          device = root.device;
        }
      }
      if (absolute) {
        if (device.length > 0) break;
      } else {
        tail = `${path.slice(root.rootEnd)}\\${tail}`;
        absolute = root.absolute;
        if (root.absolute && device.length > 0) break;
      }
    }
    tail = normalizeSegments(tail, !absolute, '\\', isWindowsSeparator);
    return absolute ? `${device}\\${tail}` : `${device}${tail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const length = path.length;
    if (length === 0) return '.';
    if (length === 1) return isPosixSeparator(path) ? '\\' : path;
    const root = windowsRoot(path);
    if (root.uncOnly) return `${root.device}\\`;
    let tail = root.rootEnd < length ? normalizeSegments(path.slice(root.rootEnd), !root.absolute, '\\', isWindowsSeparator) : '';
    if (tail.length === 0 && !root.absolute) tail = '.';
    if (tail.length > 0 && isWindowsSeparator(path[length - 1])) tail += '\\';
    if (root.device === '' && !root.absolute) {
      // A relative result must not read as a drive (`C:x`) or a stream name (`x:`): prefix `.\`.
      if (tail.length >= 2 && isDriveLetter(tail[0]) && tail[1] === ':') return `.\\${tail}`;
      for (let i = path.indexOf(':'); i !== -1; i = path.indexOf(':', i + 1)) {
        if (i === length - 1 || isWindowsSeparator(path[i + 1])) return `.\\${tail}`;
      }
      return tail;
    }
    return root.absolute ? `${root.device}\\${tail}` : `${root.device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const length = path.length;
    if (length === 0) return false;
    return isWindowsSeparator(path[0]) ||
      (length > 2 && isDriveLetter(path[0]) && path[1] === ':' && isWindowsSeparator(path[2]));
  },

  join(...paths) {
    if (paths.length === 0) return '.';
    let joined;
    let first;
    for (const path of paths) {
      validateString(path, 'path');
      if (path.length > 0) {
        if (joined === undefined) joined = first = path;
        else joined += `\\${path}`;
      }
    }
    if (joined === undefined) return '.';
    // A first part that starts with two separators keeps a UNC root (`\\server`); one that
    // merely starts with separators has them collapsed.
    let needsReplace = true;
    let slashCount = 0;
    if (isWindowsSeparator(first[0])) {
      ++slashCount;
      const firstLength = first.length;
      if (firstLength > 1 && isWindowsSeparator(first[1])) {
        ++slashCount;
        if (firstLength > 2) {
          if (isWindowsSeparator(first[2])) ++slashCount;
          else needsReplace = false;
        }
      }
    }
    if (needsReplace) {
      while (slashCount < joined.length && isWindowsSeparator(joined[slashCount])) slashCount++;
      if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOriginal = win32.resolve(from);
    const toOriginal = win32.resolve(to);
    if (fromOriginal === toOriginal) return '';
    // Compared case-insensitively, character by character, without leading and trailing
    // backslashes; paths that share not even their first segment (their root) give `to`.
    // Lower-casing can change lengths (`'İ'` becomes two characters), so every lowered
    // character remembers where it came from in the original.
    const fold = (text) => {
      let lower = '';
      const origin = [];
      for (let k = 0; k < text.length; k++) {
        const folded = text[k].toLowerCase();
        lower += folded;
        for (let n = 0; n < folded.length; n++) origin.push(k);
      }
      origin.push(text.length);
      return { lower, origin };
    };
    const a = fold(fromOriginal).lower;
    const { lower: b, origin } = fold(toOriginal);
    if (a === b) return '';
    const slice = (start, end) => toOriginal.slice(origin[start], origin[end]);
    const trim = (text) => {
      let start = 0;
      while (start < text.length && text[start] === '\\') start++;
      let end = text.length;
      while (end - 1 > start && text[end - 1] === '\\') end--;
      return [start, end];
    };
    const [aStart, aEnd] = trim(a);
    const [bStart, bEnd] = trim(b);
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    const shorter = Math.min(aLength, bLength);
    let i = 0;
    let lastSeparator = -1;
    while (i < shorter && a[aStart + i] === b[bStart + i]) {
      if (a[aStart + i] === '\\') lastSeparator = i;
      i++;
    }
    if (i < shorter) {
      if (lastSeparator === -1) return toOriginal;
    } else {
      if (bLength > shorter) {
        if (b[bStart + i] === '\\') return slice(bStart + i + 1, b.length); // `from` contains `to`
        if (i === 2) return slice(bStart + i, b.length); // `from` is a drive root
      }
      if (aLength > shorter) {
        if (a[aStart + i] === '\\') lastSeparator = i; // `to` contains `from`
        else if (i === 2) lastSeparator = 3; // `to` is a drive root
      }
      if (lastSeparator === -1) lastSeparator = 0;
    }
    const ups = [];
    for (let j = aStart + lastSeparator + 1; j <= aEnd; j++) {
      if (j === aEnd || a[j] === '\\') ups.push('..');
    }
    let tailStart = bStart + lastSeparator;
    if (ups.length > 0) return `${ups.join('\\')}${slice(tailStart, bEnd)}`;
    if (b[tailStart] === '\\') tailStart++;
    return slice(tailStart, bEnd);
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved[0] === '\\') {
      if (resolved[1] === '\\' && resolved[2] !== '?' && resolved[2] !== '.') {
        return `\\\\?\\UNC\\${resolved.slice(2)}`;
      }
    } else if (isDriveLetter(resolved[0]) && resolved[1] === ':' && resolved[2] === '\\') {
      return `\\\\?\\${resolved}`;
    }
    return resolved;
  },

  dirname(path) {
    validateString(path, 'path');
    const length = path.length;
    if (length === 0) return '.';
    const root = windowsRoot(path);
    let rootEnd = root.rootEnd;
    if (root.device.startsWith('\\\\')) {
      if (root.uncOnly) return path;
      rootEnd += 1;
    }
    if (length === 1) return isWindowsSeparator(path) ? path : '.';
    let end = -1;
    let matchedSeparator = true;
    for (let i = length - 1; i >= rootEnd; --i) {
      if (isWindowsSeparator(path[i])) {
        if (!matchedSeparator) {
          end = i;
          break;
        }
      } else {
        matchedSeparator = false;
      }
    }
    if (end === -1) {
      if (rootEnd === 0) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    const start = path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':' ? 2 : 0;
    return basenameWith(path, suffix, start, isWindowsSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    const start = path.length >= 2 && path[1] === ':' && isDriveLetter(path[0]) ? 2 : 0;
    const { end, ext } = scanBase(path, start, isWindowsSeparator);
    return ext === -1 ? '' : path.slice(ext, end);
  },

  format(pathObject) {
    return formatWith('\\', pathObject);
  },

  parse(path) {
    validateString(path, 'path');
    const result = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return result;
    const rootEnd = windowsRootLength(path);
    result.root = path.slice(0, rootEnd);
    if (rootEnd === path.length) {
      result.dir = result.root;
      return result;
    }
    const { start, end, ext } = scanBase(path, rootEnd, isWindowsSeparator);
    if (end > start) {
      result.base = path.slice(start, end);
      if (ext === -1) {
        result.name = result.base;
      } else {
        result.name = path.slice(start, ext);
        result.ext = path.slice(ext, end);
      }
    }
    result.dir = start > rootEnd ? path.slice(0, start - 1) : result.root;
    return result;
  },

  matchesGlob(path, pattern) {
    validateString(path, 'path');
    validateString(pattern, 'pattern');
    return globToRegExp(pattern, '/\\').test(path);
  },
};

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;
posix._makeLong = posix.toNamespacedPath;
win32._makeLong = win32.toNamespacedPath;

export const {
  sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname,
  basename, extname, format, parse, matchesGlob, _makeLong,
} = posix;
export default posix;
