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
  const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
  if (proto) {
    url.protocol = proto[1].toLowerCase();
    rest = rest.slice(proto[1].length);
  }
  if (rest.startsWith('//') && (slashesDenoteHost || proto === null || SLASHED_PROTOCOLS.has(url.protocol))) {
    url.slashes = true;
    rest = rest.slice(2);
    let end = rest.search(/[/\\]/);
    if (end < 0) end = rest.length;
    let host = rest.slice(0, end);
    rest = rest.slice(end);
    const at = host.lastIndexOf('@');
    if (at >= 0) { url.auth = decodeURIComponent(host.slice(0, at)); host = host.slice(at + 1); }
    const portMatch = /:([0-9]*)$/.exec(host);
    if (portMatch) {
      if (portMatch[1] !== '') url.port = portMatch[1];
      host = host.slice(0, host.length - portMatch[0].length);
    }
    url.hostname = host.toLowerCase();
    url.host = url.hostname + (url.port !== null ? ':' + url.port : '');
    if (rest === '' && SLASHED_PROTOCOLS.has(url.protocol)) rest = '/';
  }
  url.pathname = rest === '' ? null : rest;
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
  const slashes = obj.slashes || SLASHED_PROTOCOLS.has(protocol);
  if (slashes && (host || protocol === 'file:')) {
    host = '//' + host;
    if (pathname && !pathname.startsWith('/')) pathname = '/' + pathname;
  }
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace('#', '%23');
  return protocol + host + pathname + search + hash;
}

export function resolve(from, to) {
  try {
    return new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, from.startsWith('/') ? '/' : '');
  } catch {
    return to;
  }
}

export function resolveObject(from, to) { return parse(resolve(from, to)); }

Url.prototype.format = function () { return format(this); };
Url.prototype.resolve = function (to) { return resolve(this.href, to); };
Url.prototype.resolveObject = function (to) { return resolveObject(this.href, to); };

export default {
  URL, URLSearchParams, Url, parse, format, resolve, resolveObject, fileURLToPath, pathToFileURL,
  urlToHttpOptions, domainToASCII, domainToUnicode,
};
