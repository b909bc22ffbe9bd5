// Module `module`: CommonJS as in Node — `require`, `module.exports`, `__filename`/`__dirname`,
// `require.resolve`/`require.cache`, JSON files, `node_modules` packages (`main`, `exports`,
// `imports`), `createRequire`, and `require()` of ES modules (Node 20.19: the namespace).
//
// The native binding `_boa:module` (src/cjs) resolves names (the resolution algorithm lives in
// Rust, shared with `import`), compiles a file inside the module wrapper, and evaluates ES
// modules — including the built-in library — synchronously, which is what lets `require('fs')`
// return the library's `fs` at once.
import * as binding from '_boa:module';
import { codes } from 'internal/errors';

const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_UNKNOWN_BUILTIN_MODULE, ERR_DLOPEN_FAILED } = codes;

// ---------------------------------------------------------------------------------------------
// Paths (POSIX, absolute; enough for module names without loading `path`).

function cwd() {
  return globalThis.process && typeof process.cwd === 'function' ? process.cwd() : '/';
}

function normalize(path) {
  const parts = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function resolvePath(path) {
  return normalize(path.startsWith('/') ? path : `${cwd()}/${path}`);
}

function dirname(path) {
  const at = path.lastIndexOf('/');
  if (at < 0) return '.';
  if (at === 0) return '/';
  return path.slice(0, at);
}

// ---------------------------------------------------------------------------------------------
// Built-in modules seen from CommonJS: the library module's default export (the object Node's
// `require` returns, e.g. `EventEmitter` for 'events'), else a copy of its namespace.

const builtinExports = new Map();

function loadBuiltin(name) {
  const bare = name.startsWith('node:') ? name.slice(5) : name;
  let value = builtinExports.get(bare);
  if (value === undefined) {
    const namespace = binding.builtin(name);
    const fallback = namespace.default;
    if (fallback !== null && (typeof fallback === 'object' || typeof fallback === 'function')) {
      value = fallback;
    } else {
      value = {};
      for (const key of Object.keys(namespace)) {
        if (key !== 'default') value[key] = namespace[key];
      }
    }
    builtinExports.set(bare, value);
  }
  return value;
}

function isBuiltin(name) {
  return typeof name === 'string' && binding.isBuiltin(name);
}

// ---------------------------------------------------------------------------------------------
// Module.

const parents = new WeakMap();

export function Module(id = '', parent = undefined) {
  this.id = id;
  this.path = dirname(id);
  this.exports = {};
  parents.set(this, parent);
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  if (parent && Array.isArray(parent.children) && !parent.children.includes(this)) parent.children.push(this);
}

Object.defineProperty(Module.prototype, 'parent', {
  get() { return parents.get(this); },
  set(value) { parents.set(this, value); },
  configurable: true,
  enumerable: false,
});

Module._cache = Object.create(null);
Module._pathCache = Object.create(null);
Module._extensions = Object.create(null);
Module.globalPaths = [];
Module.builtinModules = Object.freeze(binding.builtinNames());
Module.isBuiltin = isBuiltin;
Module.wrapper = Object.freeze([
  '(function (exports, require, module, __filename, __dirname) { ',
  '\n});',
]);
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
Module._nodeModulePaths = (from) => binding.nodeModulePaths(resolvePath(from));
Module._initPaths = () => {};
Module._preloadModules = () => {};
Module.syncBuiltinESMExports = () => {};
Module.findSourceMap = () => undefined;
Module.SourceMap = class SourceMap {
  constructor(payload) { this.payload = payload; }
  findEntry() { return {}; }
};
Module.register = () => {
  throw new codes.ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('module.register (loader hooks)');
};

function requireStackOf(parent) {
  const stack = [];
  for (let m = parent; m; m = parents.get(m)) stack.push(m.filename || m.id);
  return stack;
}

Module._resolveFilename = function _resolveFilename(request, parent, isMain, options) {
  if (isBuiltin(request)) return request;
  let paths;
  if (options !== undefined && options !== null && options.paths !== undefined) {
    if (!Array.isArray(options.paths)) throw new ERR_INVALID_ARG_VALUE('options.paths', options.paths);
    paths = options.paths.map((p) => resolvePath(String(p)));
  }
  const parentDir = parent && parent.filename ? dirname(parent.filename) : cwd();
  try {
    return binding.resolve(request, parentDir, paths);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') {
      const requireStack = requireStackOf(parent);
      let message = error.message;
      if (requireStack.length > 0) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
      const notFound = new Error(message);
      notFound.code = 'MODULE_NOT_FOUND';
      notFound.requireStack = requireStack;
      throw notFound;
    }
    throw error;
  }
};

Module._load = function _load(request, parent, isMain) {
  if (typeof request === 'string' && request.startsWith('node:')) {
    if (!isBuiltin(request)) throw new ERR_UNKNOWN_BUILTIN_MODULE(request);
    return loadBuiltin(request);
  }
  if (isBuiltin(request)) return loadBuiltin(request);
  const filename = Module._resolveFilename(request, parent, isMain);
  if (filename.startsWith('node:')) return loadBuiltin(filename);
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && Array.isArray(parent.children) && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  if (isMain) {
    module.id = '.';
    if (globalThis.process) process.mainModule = module;
    mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent && Array.isArray(parent.children)) {
        const at = parent.children.indexOf(module);
        if (at >= 0) parent.children.splice(at, 1);
      }
    }
  }
  return module.exports;
};

let mainModule;

function extensionOf(filename) {
  const base = filename.slice(filename.lastIndexOf('/') + 1);
  let at = base.indexOf('.', 1);
  while (at > 0) {
    const candidate = base.slice(at);
    if (Module._extensions[candidate]) return candidate;
    at = base.indexOf('.', at + 1);
  }
  return '.js';
}

Module.prototype.load = function load(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(dirname(filename));
  Module._extensions[extensionOf(filename)](this, filename);
  this.loaded = true;
};

Module.prototype.require = function require(id) {
  if (typeof id !== 'string') throw new ERR_INVALID_ARG_TYPE('id', 'string', id);
  if (id === '') throw new ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  return Module._load(id, this, false);
};

/** Runs `content` as this module's code; an ES module (by its syntax) is imported instead. */
Module.prototype._compile = function _compile(content, filename, format) {
  const wrapper = binding.compile(content, filename, format !== 'commonjs');
  if (wrapper === null) {
    loadModuleFile(this, filename);
    return undefined;
  }
  const require = makeRequire(this);
  return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
};

function loadModuleFile(module, filename) {
  const namespace = binding.importFile(filename);
  // A module may say what `require` should give with an export named 'module.exports'.
  module.exports = 'module.exports' in namespace ? namespace['module.exports'] : namespace;
}

Module._extensions['.js'] = function loadJs(module, filename) {
  const kind = binding.kind(filename);
  if (kind === 'module') {
    loadModuleFile(module, filename);
    return;
  }
  module._compile(binding.readFile(filename), filename, kind === 'commonjs' ? 'commonjs' : undefined);
};

Module._extensions['.json'] = function loadJson(module, filename) {
  const text = binding.readFile(filename);
  try {
    module.exports = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    error.message = `${filename}: ${error.message}`;
    throw error;
  }
};

Module._extensions['.node'] = function loadAddon(module, filename) {
  throw new ERR_DLOPEN_FAILED(
    `Cannot load native addon '${filename}': this runtime runs JavaScript only (no .node files under WebAssembly)`);
};

function makeRequire(module) {
  const require = function require(id) { return module.require(id); };
  function resolve(request, options) {
    if (typeof request !== 'string') throw new ERR_INVALID_ARG_TYPE('request', 'string', request);
    return Module._resolveFilename(request, module, false, options);
  }
  function paths(request) {
    if (typeof request !== 'string') throw new ERR_INVALID_ARG_TYPE('request', 'string', request);
    if (isBuiltin(request)) return null;
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
      return [module.filename ? dirname(module.filename) : cwd()];
    }
    return Module._nodeModulePaths(module.filename ? dirname(module.filename) : cwd());
  }
  resolve.paths = paths;
  require.resolve = resolve;
  require.main = mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function fileUrlToPath(url) {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new codes.ERR_INVALID_URL_SCHEME('file');
  return decodeURIComponent(parsed.pathname);
}

/** A `require` that resolves from `filename` (an absolute path or a `file:` URL). */
export function createRequire(filename) {
  let path;
  const isUrl = filename !== null && typeof filename === 'object' && typeof filename.href === 'string';
  if (isUrl || (typeof filename === 'string' && filename.startsWith('file:'))) {
    path = fileUrlToPath(filename);
  } else if (typeof filename === 'string' && filename.startsWith('/')) {
    path = filename;
  } else {
    throw new ERR_INVALID_ARG_VALUE('filename', filename,
      'must be a file URL object, file URL string, or absolute path string');
  }
  const proxyPath = path.endsWith('/') ? `${path}noop.js` : path;
  const module = new Module(proxyPath);
  module.filename = proxyPath;
  module.paths = Module._nodeModulePaths(module.path);
  return makeRequire(module);
}
Module.createRequire = createRequire;

/**
 * Runs the main module `filename` (the runtime calls this for a CommonJS main script). A Node
 * program (one that uses CommonJS, or a `.cjs` file) gets Node's `process.argv` shape,
 * `[execPath, absolute script path, ...arguments]`; a plain script keeps the QuickJS runtime's.
 */
export function runMain(filename) {
  const absolute = resolvePath(filename);
  Module._load(absolute, null, true);
}
Module.runMain = runMain;
Module.Module = Module;

export const builtinModules = Module.builtinModules;
export { isBuiltin };
export const { syncBuiltinESMExports, findSourceMap, SourceMap, register, wrap, wrapper } = Module;
export default Module;
