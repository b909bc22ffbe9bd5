// Module `vm`: Node's vm on fresh Boa realms. Written for wasmedge_boa.
//
// Node makes the context object itself the new global (V8 interceptors). Boa has none, so a
// context's own properties are copied onto its realm's global before each run, and what the
// script set there is copied back after. Objects made inside keep that realm's prototypes
// (`vm.runInNewContext('[]') instanceof Array` is false, as in Node); `let`/`const`
// declarations persist between runs in the same context.

import { createRealm, realmGlobal, runInRealm } from '_boa:vm';
import { codes } from 'internal/errors';
import { Buffer } from 'buffer';

const { ERR_INVALID_ARG_TYPE } = codes;
const DEFAULT_FILENAME = 'evalmachine.<anonymous>';

// contextified object → { handle, global, builtins (the fresh global's own properties) }
const contexts = new WeakMap();

function isObjectLike(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

function filenameOf(options) {
  if (typeof options === 'string') return options;
  if (options === undefined || options === null) return DEFAULT_FILENAME;
  if (typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  if (options.filename === undefined) return DEFAULT_FILENAME;
  if (typeof options.filename !== 'string') throw new ERR_INVALID_ARG_TYPE('options.filename', 'string', options.filename);
  return options.filename;
}

function contextOf(contextifiedObject) {
  const record = isObjectLike(contextifiedObject) ? contexts.get(contextifiedObject) : undefined;
  if (record === undefined) {
    throw new ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  }
  return record;
}

export function createContext(contextObject = {}, options) {
  if (!isObjectLike(contextObject)) throw new ERR_INVALID_ARG_TYPE('contextObject', 'Object', contextObject);
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  if (contexts.has(contextObject)) return contextObject;
  const handle = createRealm();
  const global = realmGlobal(handle);
  const builtins = new Map();
  for (const key of Reflect.ownKeys(global)) builtins.set(key, global[key]);
  contexts.set(contextObject, { handle, global, builtins });
  return contextObject;
}

export function isContext(object) {
  if (!isObjectLike(object)) throw new ERR_INVALID_ARG_TYPE('object', 'Object', object);
  return contexts.has(object);
}

function runIn(contextifiedObject, code, filename) {
  const { handle, global, builtins } = contextOf(contextifiedObject);
  for (const key of Reflect.ownKeys(contextifiedObject)) {
    try { global[key] = contextifiedObject[key]; } catch { /* a read-only global stays */ }
  }
  try {
    return runInRealm(handle, code, filename);
  } finally {
    for (const key of Reflect.ownKeys(global)) {
      const value = global[key];
      if (Object.hasOwn(contextifiedObject, key) || !builtins.has(key) || builtins.get(key) !== value) {
        try { contextifiedObject[key] = value; } catch { /* a read-only property stays */ }
      }
    }
  }
}

export class Script {
  #code;
  #filename;

  constructor(code, options) {
    this.#code = String(code);
    this.#filename = filenameOf(options);
  }

  runInThisContext() {
    return (0, eval)(this.#code);
  }

  runInContext(contextifiedObject) {
    return runIn(contextifiedObject, this.#code, this.#filename);
  }

  runInNewContext(contextObject, options) {
    return runIn(createContext(contextObject, undefined), this.#code, filenameOf(options ?? this.#filename));
  }

  createCachedData() {
    return Buffer.alloc(0);
  }
}

export function runInThisContext(code, options) {
  return new Script(code, options).runInThisContext();
}

export function runInContext(code, contextifiedObject, options) {
  return runIn(contextifiedObject, String(code), filenameOf(options));
}

export function runInNewContext(code, contextObject, options) {
  return runIn(createContext(contextObject), String(code), filenameOf(options));
}

export function compileFunction(code, params = [], options = {}) {
  if (typeof code !== 'string') throw new ERR_INVALID_ARG_TYPE('code', 'string', code);
  if (!Array.isArray(params)) throw new ERR_INVALID_ARG_TYPE('params', 'Array', params);
  for (const param of params) {
    if (typeof param !== 'string') throw new ERR_INVALID_ARG_TYPE('params', 'Array<string>', params);
  }
  if (options.parsingContext === undefined) return new Function(...params, code);
  const { handle } = contextOf(options.parsingContext);
  // The realm's own Function constructor, so the function belongs to that realm.
  return runInRealm(handle, 'Function', filenameOf(options))(...params, code);
}

export default {
  Script, createContext, isContext, runInThisContext, runInContext, runInNewContext, compileFunction,
};
