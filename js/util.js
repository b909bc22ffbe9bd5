// Module `util`, written for wasmedge_boa: promisify/callbackify, inherits,
// deprecate, format/inspect (a compact version of Node's output), types,
// isDeepStrictEqual and the TextEncoder/TextDecoder re-exports.

import types, { unboxPrimitive } from 'util/types';
import { codes } from 'internal/errors';
import { validateString } from 'internal/validators';
// As in the reference runtime, loading util also loads buffer (which sets globalThis.Buffer).
import bufferModule from 'buffer';

export { types };
export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;

// Captured at load, so a script that replaces them (`Object.keys = ...`) does not change inspect.
const {
  keys: ObjectKeys, getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
  getOwnPropertyNames: ObjectGetOwnPropertyNames, getOwnPropertySymbols: ObjectGetOwnPropertySymbols,
  getPrototypeOf: ObjectGetPrototypeOf,
} = Object;
const { ownKeys: ReflectOwnKeys } = Reflect;

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');

// Node's ERR_INVALID_ARG_TYPE (internal/errors), e.g. argTypeError('fn', 'Function', fn).
function argTypeError(name, expected, value) {
  return new codes.ERR_INVALID_ARG_TYPE(name, expected, value);
}

// ---------------------------------------------------------------- promisify

export function promisify(original) {
  if (typeof original !== 'function') throw argTypeError('original', 'Function', original);
  if (typeof original[kCustomPromisify] === 'function') {
    const fn = original[kCustomPromisify];
    Object.defineProperty(fn, kCustomPromisify, { value: fn, configurable: true });
    return fn;
  }
  function promisified(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) reject(err);
        else resolve(values.length > 1 ? values : values[0]);
      });
    });
  }
  Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
  Object.defineProperty(promisified, kCustomPromisify, { value: promisified, configurable: true });
  return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

export function callbackify(original) {
  if (typeof original !== 'function') throw argTypeError('original', 'Function', original);
  function callbackified(...args) {
    const callback = args.pop();
    if (typeof callback !== 'function') throw argTypeError('last argument', 'Function', callback);
    const onRejected = (reason) => {
      if (!reason) {
        const err = new Error('Promise was rejected with a falsy value');
        err.code = 'ERR_FALSY_VALUE_REJECTION';
        err.reason = reason;
        reason = err;
      }
      callback.call(this, reason);
    };
    Promise.resolve(original.apply(this, args)).then(
      (value) => process.nextTick(() => callback.call(this, null, value)),
      (reason) => process.nextTick(() => onRejected(reason)));
  }
  // Node copies the original's own properties: `length` counts the callback, `name` gets a
  // "Callbackified" suffix.
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length?.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name?.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw argTypeError('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw argTypeError('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) throw argTypeError('superCtor.prototype', 'Object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Codes already warned about: one warning per code in the process, as in Node.
const deprecationCodesWarned = new Set();
export function deprecate(fn, message, code) {
  if (typeof fn !== 'function') throw argTypeError('fn', 'Function', fn);
  if (code !== undefined && typeof code !== 'string') throw argTypeError('code', 'string', code);
  // Each deprecated function warns once (a code, once per process) through process.emitWarning,
  // so 'warning' listeners, --no-deprecation and --throw-deprecation see it.
  let warnedHere = false;
  function deprecated(...args) {
    if (!warnedHere && !process.noDeprecation) {
      warnedHere = true;
      if (code === undefined) {
        process.emitWarning(message, 'DeprecationWarning', deprecated);
      } else if (!deprecationCodesWarned.has(code)) {
        deprecationCodesWarned.add(code);
        process.emitWarning(message, 'DeprecationWarning', code, deprecated);
      }
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

function warn(text) {
  if (typeof console !== 'undefined' && typeof console.error === 'function') console.error(text);
}

export function debuglog(section) {
  const envValue = (globalThis.env && globalThis.env.NODE_DEBUG) || '';
  const enabled = envValue.split(/[\s,]+/).some((s) => s && (s === '*' || s.toUpperCase() === String(section).toUpperCase()));
  const logger = (...args) => { if (enabled) warn(String(section).toUpperCase() + ' ' + format(...args)); };
  logger.enabled = enabled;
  return logger;
}
export const debug = debuglog;

// ---------------------------------------------------------------- format

// The global classes present when util loads (data properties only: reading the runtime's lazy
// globals would load them). A class a script adds to the global object later is not one of them.
const builtinConstructors = new Set(Object.getOwnPropertyNames(globalThis)
  .filter((name) => /^[A-Z]/.test(name))
  .map((name) => Object.getOwnPropertyDescriptor(globalThis, name)?.value)
  .filter((value) => typeof value === 'function'));

// For `%s`: whether `value` has a toString of its own making (an own one, or one on a prototype
// whose constructor is not one of the global classes); such objects print through it.
function hasOwnToString(value) {
  if (typeof value.toString !== 'function') return false;
  if (Object.hasOwn(value, 'toString')) return true;
  let holder = Object.getPrototypeOf(value);
  while (holder !== null && !Object.hasOwn(holder, 'toString')) holder = Object.getPrototypeOf(holder);
  if (holder === null) return false;
  const ctor = Object.getOwnPropertyDescriptor(holder, 'constructor')?.value;
  return !builtinConstructors.has(ctor);
}

export function format(...args) { return formatWithOptions({}, ...args); }

export function formatWithOptions(options, first, ...rest) {
  if (arguments.length < 2) return '';
  if (typeof first !== 'string') {
    return [first, ...rest].map((v) => typeof v === 'string' ? v : inspect(v, options)).join(' ');
  }
  const separate = Boolean(options.numericSeparator ?? defaultOptions.numericSeparator);
  let out = '';
  let last = 0;
  let argIndex = 0;
  for (let i = 0; i < first.length - 1; i++) {
    if (first.charCodeAt(i) !== 37) continue; // '%'
    const spec = first[i + 1];
    if (spec === '%') { out += first.slice(last, i) + '%'; last = i + 2; i++; continue; }
    if (argIndex >= rest.length || !'sdifjoOc'.includes(spec)) continue;
    const arg = rest[argIndex++];
    let text;
    switch (spec) {
      case 's':
        text = typeof arg === 'string' ? arg
          : typeof arg === 'bigint' ? formatBigInt(arg, separate)
          : typeof arg === 'number' ? formatNumber(arg, separate)
          : typeof arg === 'symbol' ? String(arg)
          : arg !== null && typeof arg === 'object' && !hasOwnToString(arg) ? inspect(arg, { ...options, depth: 0 })
          : String(arg);
        break;
      case 'd': text = typeof arg === 'bigint' ? formatBigInt(arg, separate) : typeof arg === 'symbol' ? 'NaN' : formatNumber(Number(arg), separate); break;
      case 'i': text = typeof arg === 'bigint' ? formatBigInt(arg, separate) : typeof arg === 'symbol' ? 'NaN' : formatNumber(parseInt(arg), separate); break;
      case 'f': text = typeof arg === 'symbol' ? 'NaN' : formatNumber(parseFloat(arg), separate); break;
      case 'j': try { text = JSON.stringify(arg); } catch { text = '[Circular]'; } break;
      case 'o': text = inspect(arg, { ...options, showHidden: true, depth: 4 }); break;
      case 'O': text = inspect(arg, options); break;
      case 'c': text = ''; break;
    }
    out += first.slice(last, i) + text;
    last = i + 2;
    i++;
  }
  out += first.slice(last);
  for (let j = argIndex; j < rest.length; j++) {
    const v = rest[j];
    out += ' ' + (typeof v === 'string' ? v : inspect(v, options));
  }
  return out;
}

// `numericSeparator`: `1_000_000`, `1_234.567_8`, `-12_345n` (integer digits grouped from the
// right, fraction digits from the left; exponent forms and non-finite numbers stay as they are).
function groupFromRight(digits) {
  const start = digits.startsWith('-') ? 1 : 0;
  let end = digits.length;
  let grouped = '';
  for (; end - 3 > start; end -= 3) grouped = '_' + digits.slice(end - 3, end) + grouped;
  return digits.slice(0, end) + grouped;
}

function groupFromLeft(digits) {
  const groups = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join('_');
}

function formatNumber(n, separate = false) {
  if (Object.is(n, -0)) return '-0';
  const text = String(n);
  if (!separate || !Number.isFinite(n) || text.includes('e')) return text;
  const dot = text.indexOf('.');
  return dot < 0 ? groupFromRight(text) : groupFromRight(text.slice(0, dot)) + '.' + groupFromLeft(text.slice(dot + 1));
}

function formatBigInt(n, separate = false) { return (separate ? groupFromRight(String(n)) : String(n)) + 'n'; }

// ---------------------------------------------------------------- inspect

const defaultOptions = {
  showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
  maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false,
  numericSeparator: false,
};

export function inspect(value, options) {
  let opts = { ...defaultOptions };
  if (typeof options === 'boolean') opts.showHidden = options;
  else if (options && typeof options === 'object') opts = { ...opts, ...options };
  if (arguments.length > 2 && arguments[2] !== undefined) opts.depth = arguments[2];
  const ctx = { opts, seen: [], circular: new Map(), currentDepth: 0 };
  return formatValue(ctx, value, 0, true);
}
inspect.custom = kCustomInspect;
inspect.defaultOptions = defaultOptions;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// An array index key. One shared literal: a literal inside a callback is a new RegExp per call.
const INDEX_KEY = /^(0|[1-9][0-9]*)$/;

function quote(str) {
  const q = !str.includes("'") ? "'" : !str.includes('"') ? '"' : !str.includes('`') ? '`' : "'";
  let out = '';
  for (const ch of str) {
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase();
    else out += ch;
  }
  return q + out + q;
}

function formatKey(key) {
  if (typeof key === 'symbol') return '[' + key.toString() + ']';
  return IDENTIFIER.test(key) ? key : quote(key);
}

function formatPrimitive(value, top, separate = false) {
  switch (typeof value) {
    case 'string': return top ? value : quote(value);
    case 'number': return formatNumber(value, separate);
    case 'bigint': return formatBigInt(value, separate);
    case 'symbol': return value.toString();
    case 'undefined': return 'undefined';
    case 'boolean': return String(value);
  }
  return 'null';
}

function constructorName(obj) {
  let proto = ObjectGetPrototypeOf(obj);
  while (proto !== null) {
    const desc = ObjectGetOwnPropertyDescriptor(proto, 'constructor');
    if (desc && typeof desc.value === 'function' && desc.value.name !== '') return desc.value.name;
    proto = ObjectGetPrototypeOf(proto);
  }
  return null;
}

function functionLabel(fn) {
  let source = '';
  try { source = Function.prototype.toString.call(fn); } catch { /* native */ }
  const ctorName = fn.constructor && fn.constructor.name;
  // Boa prints classes as `function X() { [native code] }`, so also recognise them by their
  // read-only `prototype` (ordinary functions have a writable one), excluding built-ins.
  const protoDesc = ObjectGetOwnPropertyDescriptor(fn, 'prototype');
  const looksLikeClass = /^class[\s{]/.test(source) ||
    (protoDesc !== undefined && protoDesc.writable === false && globalThis[fn.name] !== fn);
  if (looksLikeClass) {
    const base = ObjectGetPrototypeOf(fn);
    return '[class ' + (fn.name || '(anonymous)') + (base && base.name ? ' extends ' + base.name : '') + ']';
  }
  const kind = ctorName === 'AsyncFunction' ? 'AsyncFunction'
    : ctorName === 'GeneratorFunction' ? 'GeneratorFunction'
    : ctorName === 'AsyncGeneratorFunction' ? 'AsyncGeneratorFunction' : 'Function';
  return '[' + kind + (fn.name ? ': ' + fn.name : ' (anonymous)') + ']';
}

// A property inspect looks up on its own (a tag, a custom inspector): a Proxy whose `get` trap
// throws for unknown keys must not make the whole inspection fail.
function readQuietly(object, key) {
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

function formatValue(ctx, value, depth, top) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    const opts = ctx.opts;
    // Not compact: a long string with line breaks is shown one line per piece, joined by `+`.
    if (typeof value === 'string' && opts.compact !== true && value.length > 16 &&
        value.length > opts.breakLength - 2 * depth - 4 && value.includes('\n')) {
      return value.split(/(?<=\n)/).map((line) => quote(line)).join(' +\n' + ' '.repeat(2 * depth + 2));
    }
    return formatPrimitive(value, false, opts.numericSeparator);
  }
  const opts = ctx.opts;
  const custom = opts.customInspect ? readQuietly(value, kCustomInspect) : undefined;
  if (typeof custom === 'function' && custom !== inspect) {
    const result = custom.call(value, opts.depth === null ? Infinity : opts.depth - depth,
      { ...opts, stylize: (s) => s }, inspect);
    if (result !== value) return typeof result === 'string' ? result : formatValue(ctx, result, depth, false);
  }
  if (ctx.seen.includes(value)) {
    if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
    return '[Circular *' + ctx.circular.get(value) + ']';
  }
  return formatObject(ctx, value, depth);
}

function formatObject(ctx, value, depth) {
  const opts = ctx.opts;
  const maxDepth = opts.depth === null ? Infinity : opts.depth;
  // Listing a typed array's own keys lists every index first (the engine has no cheaper way to
  // find the others): the cost would grow with the array although only the first bytes are
  // shown. A large typed array's non-index properties are therefore not shown.
  const large = types.isTypedArray(value) && value.length > 4096;
  let keys = large ? [] : opts.showHidden ? ReflectOwnKeys(value) : ObjectKeys(value);
  const symbols = large || opts.showHidden ? []
    : ObjectGetOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s));
  keys = keys.concat(symbols);
  const name = constructorName(value);
  const tag = readQuietly(value, Symbol.toStringTag);
  let prefix = '';
  let braces = ['{', '}'];
  let entries = null; // lazily computed list of formatted entries
  let base = '';
  let isArrayLike = false;

  if (Array.isArray(value)) {
    isArrayLike = true;
    keys = keys.filter((k) => typeof k !== 'string' || !INDEX_KEY.test(k) || k === 'length' && false);
    keys = keys.filter((k) => k !== 'length');
    prefix = name === 'Array' ? '' : (name === null ? '[Array(' + value.length + '): null prototype] ' : name + '(' + value.length + ') ');
    braces = ['[', ']'];
  } else if (types.isTypedArray(value)) {
    isArrayLike = true;
    // A Buffer's `<Buffer ..>` form is its custom inspection: without it, it is a typed array.
    const isBuf = opts.customInspect && typeof globalThis.Buffer === 'function' && value instanceof globalThis.Buffer;
    if (isBuf) {
      // `<Buffer 31 32 ... 2 more bytes, prop: 1>`: at most buffer.INSPECT_MAX_BYTES bytes.
      const count = Math.min(bufferModule.INSPECT_MAX_BYTES, value.length);
      let shown = Array.from(value.subarray(0, count), (b) => b.toString(16).padStart(2, '0')).join(' ');
      const remaining = value.length - count;
      if (remaining > 0) shown += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
      const extras = keys.filter((k) => typeof k !== 'string' || !INDEX_KEY.test(k))
        .map((k) => formatKey(k) + ': ' + formatValue(ctx, value[k], depth + 1, false));
      if (extras.length) shown += (shown ? ', ' : '') + extras.join(', ');
      return '<' + name + ' ' + shown + '>';
    }
    keys = keys.filter((k) => typeof k !== 'string' || !INDEX_KEY.test(k));
    prefix = classPrefix(name, tag, tag, '(' + value.length + ')');
    braces = ['[', ']'];
  } else if (types.isMap(value)) {
    prefix = classPrefix(name, tag, 'Map', '(' + value.size + ')');
  } else if (types.isSet(value)) {
    prefix = classPrefix(name, tag, 'Set', '(' + value.size + ')');
  } else if (typeof value === 'function') {
    base = functionLabel(value);
    keys = keys.filter((k) => k !== 'prototype');
    if (keys.length === 0) return base;
  } else if (types.isRegExp(value)) {
    base = RegExp.prototype.toString.call(value);
    if (name !== 'RegExp') base = classPrefix(name, tag, 'RegExp') + base;
    if (keys.length === 0) return base;
  } else if (types.isDate(value)) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : Date.prototype.toISOString.call(value);
    if (name !== 'Date') base = classPrefix(name, tag, 'Date') + base;
    if (keys.length === 0) return base;
  } else if (value instanceof Error) {
    base = formatError(value);
    keys = keys.filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length === 0) return base;
  } else if (types.isArrayBuffer(value)) {
    const bytes = new Uint8Array(value);
    const hex = Array.from(bytes.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return 'ArrayBuffer { [Uint8Contents]: <' + hex + (bytes.length > 50 ? ' ... ' + (bytes.length - 50) + ' more bytes' : '') + '>, byteLength: ' + value.byteLength + ' }';
  } else if (value instanceof Promise) {
    return 'Promise { <unknown> }';
  } else if (types.isWeakMap(value) || types.isWeakSet(value)) {
    return (name || 'WeakMap') + ' { <items unknown> }';
  } else if (types.isBoxedPrimitive(value)) {
    const inner = unboxPrimitive(value)[1];
    base = '[' + (typeof inner === 'string' ? 'String' : typeof inner === 'number' ? 'Number' : typeof inner === 'boolean' ? 'Boolean' : typeof inner === 'bigint' ? 'BigInt' : 'Symbol') + ': ' + formatPrimitive(inner, false, opts.numericSeparator) + ']';
    if (typeof inner === 'string') keys = keys.filter((k) => typeof k !== 'string' || !INDEX_KEY.test(k));
    if (keys.length === 0) return base;
  } else if (name === 'Object' && types.isArgumentsObject(value)) {
    prefix = '[Arguments] ';
  } else if (name === null) {
    prefix = '[Object: null prototype] ';
  } else if (name !== 'Object') {
    prefix = name + ' ';
  }
  if (tag && typeof tag === 'string' && tag !== name && !types.isTypedArray(value) && !(types.isMap(value)) && !(types.isSet(value))) {
    prefix = (name === 'Object' ? 'Object ' : prefix) + '[' + tag + '] ';
    if (name === 'Object') prefix = 'Object [' + tag + '] ';
  }

  const empty = keys.length === 0 && (isArrayLike ? value.length === 0
    : types.isMap(value) || types.isSet(value) ? value.size === 0 : true);
  if (depth > maxDepth && !empty) {
    if (isArrayLike && braces[0] === '[') return '[' + (name || 'Array') + ']';
    return '[' + (name === null ? 'Object: null prototype' : tag || name || 'Object') + ']';
  }

  ctx.seen.push(value);
  // The depth of the innermost non-empty object formatted so far (Node's `currentDepth`).
  if (!empty) ctx.currentDepth = depth;
  entries = [];
  if (isArrayLike) {
    const max = Math.min(value.length, opts.maxArrayLength);
    let holes = 0;
    for (let i = 0; i < max; i++) {
      if (!Object.prototype.hasOwnProperty.call(value, i) && !types.isTypedArray(value)) { holes++; continue; }
      if (holes) { entries.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>'); holes = 0; }
      entries.push(formatValue(ctx, value[i], depth + 1, false));
    }
    if (holes) entries.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
    if (value.length > max) entries.push('... ' + (value.length - max) + ' more item' + (value.length - max > 1 ? 's' : ''));
  } else if (types.isMap(value)) {
    for (const [k, v] of value) entries.push(formatValue(ctx, k, depth + 1, false) + ' => ' + formatValue(ctx, v, depth + 1, false));
  } else if (types.isSet(value)) {
    for (const v of value) entries.push(formatValue(ctx, v, depth + 1, false));
  }
  for (const key of keys) {
    const desc = ObjectGetOwnPropertyDescriptor(value, key);
    let shown;
    if (desc === undefined) continue;
    if (desc.get || desc.set) shown = formatAccessor(ctx, value, desc, depth);
    else shown = formatValue(ctx, desc.value, depth + 1, false);
    const label = desc.enumerable === false ? '[' + formatKey(key) + ']' : formatKey(key);
    entries.push(label + ': ' + shown);
  }
  if (opts.showHidden) entries.push(...prototypeEntries(ctx, value, depth));
  ctx.seen.pop();
  if (opts.sorted) {
    // Entries sorted as strings (or by the given comparator); an array's elements keep their order.
    const compare = typeof opts.sorted === 'function' ? opts.sorted : undefined;
    if (!isArrayLike) entries.sort(compare);
    else if (keys.length > 1) entries.splice(entries.length - keys.length, keys.length, ...entries.slice(entries.length - keys.length).sort(compare));
  }

  let head = prefix;
  if (ctx.circular.has(value)) head = '<ref *' + ctx.circular.get(value) + '> ' + head;
  if (base) head += base + ' ';
  if (entries.length === 0) {
    return (head + braces[0] + braces[1]).trim() === braces[0] + braces[1] ? braces[0] + braces[1] : head + braces[0] + braces[1];
  }
  const indentation = '  '.repeat(depth);
  // Node's rule: entries share one line when this object is within `compact` levels of the
  // deepest object formatted inside it, and the entries, one separator each and a margin of
  // ten fit in `breakLength`.
  const compact = opts.compact === true ? Infinity : Number(opts.compact) || 0;
  if (compact >= 1 && ctx.currentDepth - depth < compact) {
    let total = 2 * entries.length + indentation.length + prefix.length + base.length + braces[0].length + 10;
    for (const entry of entries) total += entry.length;
    const joined = entries.join(', ');
    if (total <= opts.breakLength && !joined.includes('\n')) return head + braces[0] + ' ' + joined + ' ' + braces[1];
  }
  const inner = indentation + '  ';
  return head + braces[0] + '\n' + entries.map((e) => inner + e).join(',\n') + '\n' + indentation + braces[1];
}

// `[Getter]`, `[Setter]`, `[Getter/Setter]`; with the `getters` option the getter is called on
// the inspected object: `[Getter: 1]`, `[Getter] { a: 1 }`, `[Getter: <Inspection threw (msg)>]`.
function formatAccessor(ctx, receiver, desc, depth) {
  const label = desc.get && desc.set ? 'Getter/Setter' : desc.get ? 'Getter' : 'Setter';
  const mode = ctx.opts.getters;
  if (!desc.get || !mode || (mode === 'get' && desc.set) || (mode === 'set' && !desc.set)) return '[' + label + ']';
  try {
    const result = desc.get.call(receiver);
    if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
      return '[' + label + ': ' + formatPrimitive(result, false, ctx.opts.numericSeparator) + ']';
    }
    return '[' + label + '] ' + formatValue(ctx, result, depth + 1, false);
  } catch (err) {
    return '[' + label + ': <Inspection threw (' + (err && err.message) + ')>]';
  }
}

// The names of the global classes present when util loads.
const builtinNames = new Set(ObjectGetOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)));

// With `showHidden`, the non-method properties of an object's own prototypes (up to three of
// them, stopping at a built-in class's), shown as hidden entries: a class's getters appear as
// `[y]: [Getter]`. Keys the object has itself, or a nearer prototype has, are left out.
function prototypeEntries(ctx, main, depth) {
  let holder = main;
  let firstProto;
  let ctorName = null;
  while (holder !== null) {
    const desc = ObjectGetOwnPropertyDescriptor(holder, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
      let isInstance = false;
      try { isInstance = main instanceof desc.value; } catch { /* a hostile Symbol.hasInstance */ }
      if (isInstance) { ctorName = desc.value.name; break; }
    }
    holder = ObjectGetPrototypeOf(holder);
    if (firstProto === undefined) firstProto = holder;
  }
  if (ctorName === null || (firstProto === holder && builtinNames.has(ctorName))) return [];
  const entries = [];
  const shownKeys = new Set();
  let proto = firstProto || main;
  for (let level = 0; level < 3; level++) {
    if (level !== 0 || proto === main) {
      proto = ObjectGetPrototypeOf(proto);
      if (proto === null) break;
      const desc = ObjectGetOwnPropertyDescriptor(proto, 'constructor');
      if (desc !== undefined && typeof desc.value === 'function' && builtinNames.has(desc.value.name)) break;
    }
    const keys = ReflectOwnKeys(proto);
    for (const key of keys) {
      if (key === 'constructor' || Object.prototype.hasOwnProperty.call(main, key) || shownKeys.has(key)) continue;
      const desc = ObjectGetOwnPropertyDescriptor(proto, key);
      if (typeof desc.value === 'function') continue;
      const shown = desc.get || desc.set ? formatAccessor(ctx, main, desc, depth) : formatValue(ctx, desc.value, depth + 1, false);
      entries.push('[' + formatKey(key) + ']: ' + shown);
    }
    for (const key of keys) shownKeys.add(key);
  }
  return entries;
}

// How a built-in kind's instance is introduced: `MyMap(2) [Map] `, `[Set(1): null prototype] `.
function classPrefix(name, tag, fallback, size = '') {
  const shownTag = typeof tag === 'string' && tag !== '' ? tag : '';
  if (name === null) {
    return '[' + fallback + size + ': null prototype] ' + (shownTag && shownTag !== fallback ? '[' + shownTag + '] ' : '');
  }
  return name + size + ' ' + (shownTag && shownTag !== name ? '[' + shownTag + '] ' : '');
}

function formatError(err) {
  let stack = typeof err.stack === 'string' && err.stack ? err.stack : '';
  const header = Error.prototype.toString.call(err);
  if (!stack) return '[' + header + ']';
  if (!stack.startsWith(header)) {
    // Engines differ: some stacks hold only the frames.
    stack = header + '\n' + stack.split('\n').filter((l) => l.trim()).map((l) => l.startsWith('    ') ? l : '    ' + l.trim()).join('\n');
  }
  return stack;
}

// ---------------------------------------------------------------- deep equality

export function isDeepStrictEqual(a, b) { return deepEqual(a, b, true, new Map()); }

/** Shared by `assert`: strict (Object.is, prototypes) or loose (==) comparison. */
export function deepEqual(a, b, strict, memo) {
  if (strict ? Object.is(a, b) : (a === b || (a == b && (a === null || typeof a !== 'object') && (b === null || typeof b !== 'object')))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (!strict && (a === null || typeof a !== 'object') && (b === null || typeof b !== 'object')) {
      // eslint-disable-next-line eqeqeq
      return a == b || (Number.isNaN(a) && Number.isNaN(b));
    }
    return false;
  }
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const tagA = Object.prototype.toString.call(a);
  if (tagA !== Object.prototype.toString.call(b)) return false;
  // Map.prototype and Set.prototype carry their tag: an object merely inheriting from them is no Map.
  if ((tagA === '[object Map]' && types.isMap(a) !== types.isMap(b)) ||
      (tagA === '[object Set]' && types.isSet(a) !== types.isSet(b))) return false;
  if (Array.isArray(a) !== Array.isArray(b) || (Array.isArray(a) && a.length !== b.length)) return false;
  // Both sides must be the same kind of object by internal slot, whatever their tags say.
  for (const is of brands) if (is(a) !== is(b)) return false;
  if (types.isTypedArray(a) && typedArrayTag(a) !== typedArrayTag(b)) return false;
  const pair = memo.get(a);
  if (pair && pair.has(b)) return true;
  // The pair counts as equal while it is being compared (cycles), and is forgotten if not.
  if (!pair) memo.set(a, new Set([b])); else pair.add(b);
  const equal = contentsEqual(a, b, strict, memo);
  if (!equal) memo.get(a).delete(b);
  return equal;
}

const isObjectLike = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
const brands = [types.isDate, types.isRegExp, types.isNativeError, types.isBoxedPrimitive, types.isMap, types.isSet,
  ArrayBuffer.isView, types.isAnyArrayBuffer];
const typedArrayTag = Function.prototype.call.bind(
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get);
const timeOf = Function.prototype.call.bind(Date.prototype.getTime);
const has = Function.prototype.call.bind(Object.prototype.hasOwnProperty);

function contentsEqual(a, b, strict, memo) {
  if (types.isDate(a)) { if (timeOf(a) !== timeOf(b)) return false; }
  else if (types.isRegExp(a)) { if (String(a) !== String(b) || a.lastIndex !== b.lastIndex) return false; }
  else if (a instanceof Error || types.isNativeError(a)) {
    // message, name, and the non-enumerable `cause` and `errors` (AggregateError) count.
    if (a.message !== b.message || a.name !== b.name) return false;
    for (const key of ['cause', 'errors']) {
      if (has(a, key) !== has(b, key) || (has(a, key) && !deepEqual(a[key], b[key], strict, memo))) return false;
    }
  }
  else if (types.isBoxedPrimitive(a)) {
    const [x, y] = [unboxPrimitive(a), unboxPrimitive(b)];
    if (y === undefined || x[0] !== y[0] || !Object.is(x[1], y[1])) return false;
  }
  else if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (!strict && !(a instanceof Float32Array || a instanceof Float64Array)) {
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    } else if (a.length !== undefined) {
      for (let i = 0; i < a.length; i++) if (!(strict ? Object.is(a[i], b[i]) : a[i] == b[i])) return false;
    } else {
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
  } else if (types.isAnyArrayBuffer(a)) {
    if (!deepEqual(new Uint8Array(a), new Uint8Array(b), strict, memo)) return false;
  } else if (types.isMap(a)) {
    if (a.size !== b.size) return false;
    // a's entries that b does not hold under the same key with an equal value: each must pair
    // with one of b's entries whose key and value are deep-equal (in loose mode primitive keys
    // too: 1 pairs with '1').
    const pending = new Set();
    for (const [k, v] of a) {
      if (b.has(k) && deepEqual(v, b.get(k), strict, memo)) continue;
      if (strict && !isObjectLike(k)) return false;
      pending.add(k);
    }
    if (pending.size !== 0) for (const [k, v] of b) {
      if (a.has(k) && deepEqual(a.get(k), v, strict, memo)) continue;
      if (strict && !isObjectLike(k)) continue;
      let found = false;
      for (const k2 of pending) {
        if (deepEqual(k, k2, strict, memo) && deepEqual(v, a.get(k2), strict, memo)) { pending.delete(k2); found = true; break; }
      }
      if (!found) return false;
    }
    if (pending.size !== 0) return false;
  } else if (types.isSet(a)) {
    if (a.size !== b.size) return false;
    const used = new Set();
    for (const v of a) {
      if (b.has(v)) continue;
      // A primitive pairs loosely with one of b's that a does not hold itself.
      if (typeof v !== 'object' || v === null) {
        const all = [...b];
        const at = strict ? -1 : all.findIndex((w) => w == v && !a.has(w) && !used.has(w) && !isObjectLike(w));
        if (at === -1) return false;
        used.add(all[at]);
        continue;
      }
      // Each element of b matches at most one of a.
      let found = false;
      for (const w of b) {
        if (used.has(w) || a.has(w) || typeof w !== 'object' || w === null) continue;
        if (deepEqual(v, w, strict, memo)) { used.add(w); found = true; break; }
      }
      if (!found) return false;
    }
  }
  const keysA = ownEnumerable(a, strict);
  const keysB = ownEnumerable(b, strict);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (!deepEqual(a[key], b[key], strict, memo)) return false;
  }
  return true;
}

function ownEnumerable(obj, strict) {
  let keys = Object.keys(obj);
  // A typed array lists its indices first, in order: skip them without testing each one.
  if (types.isTypedArray(obj)) keys = keys.slice(obj.length);
  if (!strict) return keys;
  return keys.concat(Object.getOwnPropertySymbols(obj).filter((s) => Object.prototype.propertyIsEnumerable.call(obj, s)));
}

// ---------------------------------------------------------------- legacy predicates

export const isArray = Array.isArray;
export function isBoolean(v) { return typeof v === 'boolean'; }
export function isNull(v) { return v === null; }
export function isNullOrUndefined(v) { return v === null || v === undefined; }
export function isNumber(v) { return typeof v === 'number'; }
export function isString(v) { return typeof v === 'string'; }
export function isSymbol(v) { return typeof v === 'symbol'; }
export function isUndefined(v) { return v === undefined; }
export function isRegExp(v) { return v instanceof RegExp; }
export function isObject(v) { return v !== null && typeof v === 'object'; }
export function isDate(v) { return v instanceof Date; }
export function isError(v) { return v instanceof Error; }
export function isFunction(v) { return typeof v === 'function'; }
export function isPrimitive(v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); }
export function isBuffer(v) { return typeof globalThis.Buffer === 'function' && v instanceof globalThis.Buffer; }

export function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  for (const key of Object.keys(source)) target[key] = source[key];
  return target;
}

export function log(...args) {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const stamp = d.getDate() + ' ' + months[d.getMonth()] + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  // Through process.stdout.write, as console.log in Node, so a replaced write sees it.
  const line = stamp + ' - ' + format(...args) + '\n';
  if (globalThis.process && process.stdout && typeof process.stdout.write === 'function') process.stdout.write(line);
  else print(line.slice(0, -1));
}

// Terminal control sequences: OSC (ESC ] ... ended by BEL, ESC \ or ST, e.g. hyperlinks), CSI
// (ESC [ or U+009B, parameter and intermediate bytes, one final byte), and two-byte ESC forms.
// eslint-disable-next-line no-control-regex
const VT_SEQUENCE = /\u001B\][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)|(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|\u001B[@-Z\\-_]/g;

export function stripVTControlCharacters(str) {
  validateString(str, 'str');
  return str.replace(VT_SEQUENCE, '');
}

// ---------------------------------------------------------------- styleText

// SGR codes [open, close] by style name (Node's inspect.colors, aliases included).
const colors = Object.assign(Object.create(null), {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
  inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
  black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39],
  magenta: [35, 39], cyan: [36, 39], white: [37, 39],
  bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49],
  bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
  framed: [51, 54], overlined: [53, 55],
  gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39],
  blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
  bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49],
  bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
});
for (const [alias, name] of [['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'],
  ['bgBlackBright', 'bgGray'], ['faint', 'dim'], ['crossedout', 'strikethrough'],
  ['strikeThrough', 'strikethrough'], ['crossedOut', 'strikethrough'], ['conceal', 'hidden'],
  ['swapColors', 'inverse'], ['swapcolors', 'inverse'], ['doubleUnderline', 'doubleunderline']]) {
  colors[alias] = colors[name];
}
inspect.colors = colors;

// Whether text written to `stream` should carry colour: FORCE_COLOR wins, then NO_COLOR and
// NODE_DISABLE_COLORS turn it off, else a terminal stream with colour support.
function shouldColorize(stream) {
  const env = (globalThis.process && process.env) || {};
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined) return false;
  if (!stream || !stream.isTTY) return false;
  return typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true;
}

function isStreamLike(stream) {
  return stream !== null && typeof stream === 'object' &&
    (typeof stream.write === 'function' || typeof stream.pipe === 'function' || typeof stream.getReader === 'function');
}

export function styleText(format, text, { validateStream = true, stream = globalThis.process?.stdout } = {}) {
  const formats = Array.isArray(format) ? format : [format];
  let left = '';
  let right = '';
  for (const name of formats) {
    const code = typeof name === 'string' ? colors[name] : undefined;
    if (code === undefined) {
      throw new codes.ERR_INVALID_ARG_VALUE('format', name, 'must be one of: ' + ObjectKeys(colors).map((k) => "'" + k + "'").join(', '));
    }
    left += '\u001b[' + code[0] + 'm';
    right = '\u001b[' + code[1] + 'm' + right;
  }
  validateString(text, 'text');
  if (validateStream) {
    if (!isStreamLike(stream)) throw argTypeError('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    if (!shouldColorize(stream)) return text;
  }
  return left + text + right;
}

// ---------------------------------------------------------------- parseEnv

// A .env file's variables (the format of `node --env-file`): `KEY=value` lines, `export `
// prefixes and `#` comments ignored; values in '', "" or `` may span lines ("" expands \n);
// unquoted values end at a `#` and are trimmed. A later key replaces an earlier one.
export function parseEnv(content) {
  validateString(content, 'content');
  const text = content.replace(/\r\n?/g, '\n');
  const vars = {};
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol);
    const eq = line.indexOf('=');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed[0] === '#' || eq < 0) { pos = eol + 1; continue; }
    let key = line.slice(0, eq).trim();
    if (key.startsWith('export ')) key = key.slice(7).trim();
    let start = pos + eq + 1;
    while (text[start] === ' ' || text[start] === '\t') start++;
    const q = text[start];
    const close = (q === '"' || q === "'" || q === '`') ? text.indexOf(q, start + 1) : -1;
    let value;
    if (close >= 0) {
      value = text.slice(start + 1, close);
      if (q === '"') value = value.replace(/\\n/g, '\n');
      eol = text.indexOf('\n', close);
      if (eol < 0) eol = text.length;
    } else {
      value = text.slice(start, eol);
      const hash = value.indexOf('#');
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trim();
    }
    if (key !== '') vars[key] = value;
    pos = eol + 1;
  }
  // In key order, as Node returns them.
  const sorted = {};
  for (const key of ObjectKeys(vars).sort()) sorted[key] = vars[key];
  return sorted;
}

export function toUSVString(str) { return String(str).toWellFormed ? String(str).toWellFormed() : String(str); }

export function getSystemErrorName(code) { return 'Unknown system error ' + code; }

export function aborted(signal) {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export default {
  TextEncoder, TextDecoder, promisify, callbackify, inherits, deprecate, debuglog, debug, format,
  formatWithOptions, inspect, types, isDeepStrictEqual, isArray, isBoolean, isNull, isNullOrUndefined,
  isNumber, isString, isSymbol, isUndefined, isRegExp, isObject, isDate, isError, isFunction,
  isPrimitive, isBuffer, _extend, log, stripVTControlCharacters, styleText, parseEnv, toUSVString, getSystemErrorName, aborted,
};
