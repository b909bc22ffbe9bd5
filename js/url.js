// Module `url`: the runtime's WHATWG URL/URLSearchParams plus Node's file-URL
// helpers and the legacy `parse`/`format`/`resolve` API. Written for wasmedge_boa.

import { codes } from 'internal/errors';
import { parse as parseQuery, stringify as stringifyQuery } from 'querystring';
import { posix, win32 } from 'path';

export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;

function invalidArg(name, value) {
  return new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'URL'], value);
}

export function fileURLToPath(input) {
  let url = input;
  if (typeof url === 'string') url = new URL(url);
  else if (!url || typeof url.href !== 'string') throw invalidArg('path', input);
  if (url.protocol !== 'file:') {
    const err = new TypeError('The URL must be of scheme file');
    err.code = 'ERR_INVALID_URL_SCHEME';
    throw err;
  }
  if (url.hostname !== '' && url.hostname !== 'localhost') {
    const err = new TypeError('File URL host must be "localhost" or empty on linux');
    err.code = 'ERR_INVALID_FILE_URL_HOST';
    throw err;
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) {
    const err = new TypeError('File URL path must not include encoded / characters');
    err.code = 'ERR_INVALID_FILE_URL_PATH';
    throw err;
  }
  return decodeURIComponent(pathname);
}

// Characters a file URL's path keeps as they are; every other byte of the path's UTF-8 is
// percent-encoded, so the URL parser cannot read `?`, `#`, `%` or a backslash as syntax.
const FILE_PATH_KEPT = /^[A-Za-z0-9!$&'()*+,\-./:;=@_]$/;
const pathEncoder = new TextEncoder();

function encodeFilePath(path) {
  let out = '';
  for (const ch of path) {
    if (FILE_PATH_KEPT.test(ch)) { out += ch; continue; }
    for (const byte of pathEncoder.encode(ch)) out += '%' + (byte < 16 ? '0' : '') + byte.toString(16).toUpperCase();
  }
  return out;
}

function invalidUncPath(path, why) {
  return new codes.ERR_INVALID_ARG_VALUE('path', path, why);
}

// `pathToFileURL(path[, { windows }])`: an absolute file URL for a path of this system, or of
// Windows when `windows` is true (drive letters, backslashes, UNC `\\host\share` paths).
export function pathToFileURL(path, options) {
  if (typeof path !== 'string') throw invalidArg('path', path);
  const windows = options?.windows ?? false;
  if (windows) {
    let filepath = path;
    if (filepath.startsWith('\\\\?\\UNC\\')) filepath = '\\\\' + filepath.slice(8);
    else if (filepath.startsWith('\\\\?\\')) filepath = filepath.slice(4);
    if (filepath.startsWith('\\\\')) {
      const hostEnd = filepath.indexOf('\\', 2);
      if (hostEnd === 2) throw invalidUncPath(path, 'Missing UNC resource path');
      if (hostEnd < 0 || hostEnd === filepath.length - 1) throw invalidUncPath(path, 'Missing UNC resource path');
      const url = new URL('file://' + filepath.slice(2, hostEnd));
      url.pathname = encodeFilePath(filepath.slice(hostEnd).replaceAll('\\', '/'));
      return url;
    }
    let resolved = win32.resolve(filepath);
    if (/[\\/]$/.test(filepath) && !resolved.endsWith('\\')) resolved += '\\';
    return new URL('file:///' + encodeFilePath(resolved.replaceAll('\\', '/')));
  }
  let resolved = posix.resolve(path);
  if (path.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  return new URL('file://' + encodeFilePath(resolved));
}

export function urlToHttpOptions(url) {
  // Reads each field once, as getters: a plain copy of a URL (`{...url}`) has none of them.
  const { hostname } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: typeof hostname === 'string' && hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: (url.pathname || '') + (url.search || ''),
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
  return options;
}

export function domainToASCII(domain) {
  try { return new URL('http://' + domain).hostname; } catch { return ''; }
}

export function domainToUnicode(domain) { return domain; }

// ---------------------------------------------------------------- legacy API

export function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

const SLASHED_PROTOCOLS = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);

let warnedInvalidPort = false;
const escapeUnsafe = (s) => s.replace(/[\t\n\r "'<>\\^`{|}]/g, encodeURIComponent);

export function parse(input, parseQueryString = false, slashesDenoteHost = false) {
  if (input instanceof Url) return input;
  if (typeof input !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('url', 'string', input);
  }
  const url = new Url();
  let rest = input.trim();
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) { url.hash = rest.slice(hashAt); rest = rest.slice(0, hashAt); }
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    url.search = rest.slice(queryAt);
    url.query = rest.slice(queryAt + 1);
    rest = rest.slice(0, queryAt);
  } else if (parseQueryString) {
    url.search = null;
    url.query = { __proto__: null };
  }
  if (parseQueryString && typeof url.query === 'string') url.query = parseQuery(url.query);
  rest = rest.replace(/\\/g, '/');
  const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
  if (proto) {
    url.protocol = proto[1].toLowerCase();
    rest = rest.slice(proto[1].length);
  }
  // '//' starts a host after a protocol, when the caller says so, or before `user@host`; a
  // protocol without slashes (`mailto:`) has a host too, javascript: never.
  const hostless = url.protocol === 'javascript:';
  let slashes = false;
  if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
    slashes = rest.startsWith('//');
    if (slashes && !hostless) { url.slashes = true; rest = rest.slice(2); }
  }
  if (!hostless && (slashes || (proto && !SLASHED_PROTOCOLS.has(url.protocol)))) {
    // The host ends at '/'; the last '@' before it ends the auth; a character RFC 2396 never
    // allows in a host name ends the host too, and what follows it becomes the path.
    let at = -1, nonHost = -1, i = 0;
    for (; i < rest.length && rest[i] !== '/'; i++) {
      if (rest[i] === '@') { at = i; nonHost = -1; }
      else if (nonHost < 0 && '\t\n\r "%\';<>^`{|}'.includes(rest[i])) nonHost = i;
    }
    if (nonHost < 0) nonHost = i;
    if (at >= 0) url.auth = decodeURIComponent(rest.slice(0, at));
    let host = rest.slice(at + 1, nonHost);
    rest = rest.slice(nonHost);
    const portMatch = /:([0-9]*)$/.exec(host);
    if (portMatch) {
      if (portMatch[1] !== '') url.port = portMatch[1];
      host = host.slice(0, host.length - portMatch[0].length);
    }
    const ipv6 = host[0] === '[' && host.endsWith(']');
    const colon = ipv6 ? -1 : host.indexOf(':');
    if (colon >= 0) {
      // A port that is not a number: Node splits it into the path and warns (DEP0170).
      if (!warnedInvalidPort) {
        warnedInvalidPort = true;
        process.emitWarning(`The URL ${input} is invalid. Future versions of Node.js will throw an error.`, 'DeprecationWarning', 'DEP0170');
      }
      rest = '/' + host.slice(colon) + rest;
      host = host.slice(0, colon);
    }
    url.hostname = (ipv6 ? host.slice(1, -1) : host.length > 255 ? '' : host).toLowerCase();
    if ((ipv6 ? /[\0\t\n\r #%/<>?@\\^|]/ : /[\0\t\n\r #%/:<>?@[\\\]^|]/).test(url.hostname)) {
      const err = new codes.ERR_INVALID_URL();
      err.input = input;
      throw err;
    }
    url.host = (ipv6 ? '[' + url.hostname + ']' : url.hostname) + (url.port !== null ? ':' + url.port : '');
    if (ipv6 && rest[0] !== '/') rest = '/' + rest;
  }
  if (url.protocol !== 'javascript:') {
    rest = escapeUnsafe(rest);
    if (url.hash) url.hash = escapeUnsafe(url.hash);
    if (url.search) { url.search = escapeUnsafe(url.search); if (typeof url.query === 'string') url.query = url.search.slice(1); }
  }
  url.pathname = rest === '' ? (url.hostname && SLASHED_PROTOCOLS.has(url.protocol) ? '/' : null) : rest;
  const search = url.search === null ? '' : url.search;
  url.path = (url.pathname === null ? '' : url.pathname) + search || null;
  url.href = format(url);
  return url;
}

export function format(obj, options) {
  if (typeof obj === 'string') obj = parse(obj);
  else if (obj && typeof obj.href === 'string' && typeof obj.searchParams === 'object' && !(obj instanceof Url)) {
    // A WHATWG URL: honour the Node options for it.
    const u = new URL(obj.href);
    if (options && options.fragment === false) u.hash = '';
    if (options && options.search === false) u.search = '';
    if (options && options.auth === false) { u.username = ''; u.password = ''; }
    return u.href;
  }
  if (obj === null || typeof obj !== 'object') {
    const err = new TypeError('The "urlObject" argument must be one of type object or string. Received ' + (obj === null ? 'null' : typeof obj));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  let protocol = obj.protocol || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  let auth = obj.auth ? encodeURIComponent(obj.auth).replace(/%3A/i, ':') + '@' : '';
  let host = '';
  if (obj.host) host = auth + obj.host;
  else if (obj.hostname) host = auth + (obj.hostname.includes(':') ? '[' + obj.hostname + ']' : obj.hostname) + (obj.port ? ':' + obj.port : '');
  let pathname = obj.pathname || '';
  let search = obj.search || '';
  if (!search && obj.query && typeof obj.query === 'object') {
    const q = stringifyQuery(obj.query);
    if (q) search = '?' + q;
  } else if (!search && typeof obj.query === 'string' && obj.query) search = '?' + obj.query;
  if (search && !search.startsWith('?')) search = '?' + search;
  let hash = obj.hash || '';
  if (hash && !hash.startsWith('#')) hash = '#' + hash;
  if (obj.slashes || host) {
    if (obj.slashes || SLASHED_PROTOCOLS.has(protocol)) {
      host = '//' + host;
      if (pathname && !pathname.startsWith('/')) pathname = '/' + pathname;
    }
  } else if (protocol === 'file:') host = '//';
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace('#', '%23');
  return protocol + host + pathname + search + hash;
}

// Legacy resolution (RFC 1808 as Node's `url.resolve` does it, quirks included): known
// protocols (http:, file:…) keep a host and an absolute path; other protocols treat the first
// path segment as the host, so '..' can climb into it.
export function resolve(from, to) { return parse(from, false, true).resolve(to); }

export function resolveObject(from, to) { return from ? parse(from, false, true).resolveObject(to) : to; }

const finish = (url) => { url.href = format(url); return url; };
const withPath = (url) => {
  if (url.pathname !== null || url.search !== null) url.path = (url.pathname || '') + (url.search || '');
  return finish(url);
};
// An `auth@` that a hostless protocol's path put in the host.
const splitAuth = (url) => {
  if (url.host && url.host.indexOf('@') > 0) [url.auth, url.host] = url.host.split('@');
  url.hostname = url.host;
};

function resolveUrl(base, rel) {
  if (typeof rel === 'string') rel = parse(rel, false, true);
  const out = new Url();
  for (const k of Object.keys(base)) out[k] = base[k];
  out.hash = rel.hash;
  if (rel.href === '') return finish(out);
  if (rel.slashes && !rel.protocol) {
    // '//host/path': everything but the protocol comes from `rel`.
    for (const k of Object.keys(rel)) if (k !== 'protocol') out[k] = rel[k];
    if (SLASHED_PROTOCOLS.has(out.protocol) && out.hostname && !out.pathname) out.path = out.pathname = '/';
    return finish(out);
  }
  if (rel.protocol && rel.protocol !== out.protocol) {
    if (!SLASHED_PROTOCOLS.has(rel.protocol)) {
      for (const k of Object.keys(rel)) out[k] = rel[k];
      return finish(out);
    }
    out.protocol = rel.protocol;
    if (!rel.host && rel.protocol !== 'file:') {
      // 'http:/a/b': a known protocol needs a host, the first non-empty segment.
      const parts = (rel.pathname || '').split('/');
      let host = '';
      while (parts.length && !(host = parts.shift()));
      rel.host = host;
      rel.hostname ||= '';
      if (parts[0] !== '') parts.unshift('');
      if (parts.length < 2) parts.unshift('');
      out.pathname = parts.join('/');
    } else out.pathname = rel.pathname;
    out.search = rel.search;
    out.query = rel.query;
    out.host = rel.host || '';
    out.auth = rel.auth;
    out.hostname = rel.hostname || rel.host;
    out.port = rel.port;
    if (out.pathname || out.search) out.path = (out.pathname || '') + (out.search || '');
    out.slashes = out.slashes || rel.slashes;
    return finish(out);
  }

  const relAbsolute = rel.host || rel.pathname?.[0] === '/';
  let mustEndAbs = relAbsolute || out.pathname?.[0] === '/' || (out.host && rel.pathname);
  const removeAllDots = mustEndAbs;
  let path = out.pathname ? out.pathname.split('/') : [];
  const relPath = rel.pathname ? rel.pathname.split('/') : [];
  const hostInPath = out.protocol && !SLASHED_PROTOCOLS.has(out.protocol);
  if (hostInPath) {
    out.hostname = '';
    out.port = null;
    if (out.host) { if (path[0] === '') path[0] = out.host; else path.unshift(out.host); }
    out.host = '';
    if (rel.protocol) {
      rel.hostname = rel.port = out.auth = null;
      if (rel.host) { if (relPath[0] === '') relPath[0] = rel.host; else relPath.unshift(rel.host); }
      rel.host = null;
    }
    mustEndAbs &&= relPath[0] === '' || path[0] === '';
  }
  if (relAbsolute) {
    if (rel.host || rel.host === '') {
      if (out.host !== rel.host) out.auth = null;
      out.host = rel.host;
      out.port = rel.port;
    }
    if (rel.hostname || rel.hostname === '') {
      if (out.hostname !== rel.hostname) out.auth = null;
      out.hostname = rel.hostname;
    }
    out.search = rel.search;
    out.query = rel.query;
    path = relPath;
  } else if (relPath.length) {
    path.pop();
    path = path.concat(relPath);
    out.search = rel.search;
    out.query = rel.query;
  } else if (rel.search != null) {
    // Only a new query ('?x').
    if (hostInPath) { out.host = path.shift(); splitAuth(out); }
    out.search = rel.search;
    out.query = rel.query;
    return withPath(out);
  }
  if (!path.length) {
    out.pathname = null;
    out.path = out.search ? '/' + out.search : null;
    return finish(out);
  }

  let last = path[path.length - 1];
  const trailingSlash = ((out.host || rel.host || path.length > 1) && (last === '.' || last === '..')) || last === '';
  // Drop '.' segments and '..' with the segment before it; count the '..' that climb above.
  let up = 0;
  for (let i = path.length - 1; i >= 0; i--) {
    last = path[i];
    if (last === '.') path.splice(i, 1);
    else if (last === '..') { path.splice(i, 1); up++; } else if (up) { path.splice(i, 1); up--; }
  }
  if (!mustEndAbs && !removeAllDots) while (up--) path.unshift('..');
  if (mustEndAbs && path[0] !== '' && path[0]?.[0] !== '/') path.unshift('');
  if (trailingSlash && !path.join('/').endsWith('/')) path.push('');
  const absolute = path[0] === '' || path[0]?.[0] === '/';
  if (hostInPath) {
    out.host = absolute ? '' : path.length ? path.shift() : '';
    splitAuth(out);
  }
  mustEndAbs ||= out.host && path.length;
  if (mustEndAbs && !absolute) path.unshift('');
  if (path.length) out.pathname = path.join('/');
  else out.pathname = out.path = null;
  out.auth = rel.auth || out.auth;
  out.slashes = out.slashes || rel.slashes;
  return withPath(out);
}

Url.prototype.format = function () { return format(this); };
Url.prototype.resolve = function (to) { return format(resolveUrl(this, parse(to, false, true))); };
Url.prototype.resolveObject = function (to) { return resolveUrl(this, to); };

export default {
  URL, URLSearchParams, Url, parse, format, resolve, resolveObject, fileURLToPath, pathToFileURL,
  urlToHttpOptions, domainToASCII, domainToUnicode,
};
