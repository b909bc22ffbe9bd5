// Module `util/types`: type predicates, written for wasmedge_boa.

// `Object.prototype.toString` reads Symbol.toStringTag, which a Proxy's get trap may refuse.
const toTag = (value) => {
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return '';
  }
};
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedTag = (value) => typedArrayTag.call(value);
const isObjectLike = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

// Brand checks: a built-in method or getter that throws unless `value` really has the internal
// slots (an object whose prototype was merely set to Date.prototype is not a Date).
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const dataViewByteLength = getter(DataView.prototype, 'byteLength');
const regExpGlobal = getter(RegExp.prototype, 'global');
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'undefined' ? undefined
  : getter(SharedArrayBuffer.prototype, 'byteLength');
function hasBrand(method, value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    method.call(value, undefined);
    return true;
  } catch {
    return false;
  }
}

export function isArrayBuffer(value) { return hasBrand(arrayBufferByteLength, value); }
export function isSharedArrayBuffer(value) {
  return sharedArrayBufferByteLength !== undefined && hasBrand(sharedArrayBufferByteLength, value);
}
export function isAnyArrayBuffer(value) { return isArrayBuffer(value) || isSharedArrayBuffer(value); }
export function isArrayBufferView(value) { return ArrayBuffer.isView(value); }
export function isTypedArray(value) { return typedTag(value) !== undefined; }
export function isUint8Array(value) { return typedTag(value) === 'Uint8Array'; }
export function isUint8ClampedArray(value) { return typedTag(value) === 'Uint8ClampedArray'; }
export function isUint16Array(value) { return typedTag(value) === 'Uint16Array'; }
export function isUint32Array(value) { return typedTag(value) === 'Uint32Array'; }
export function isInt8Array(value) { return typedTag(value) === 'Int8Array'; }
export function isInt16Array(value) { return typedTag(value) === 'Int16Array'; }
export function isInt32Array(value) { return typedTag(value) === 'Int32Array'; }
export function isFloat32Array(value) { return typedTag(value) === 'Float32Array'; }
export function isFloat64Array(value) { return typedTag(value) === 'Float64Array'; }
export function isBigInt64Array(value) { return typedTag(value) === 'BigInt64Array'; }
export function isBigUint64Array(value) { return typedTag(value) === 'BigUint64Array'; }
export function isDataView(value) { return hasBrand(dataViewByteLength, value); }
export function isDate(value) { return hasBrand(Date.prototype.getTime, value); }
export function isRegExp(value) { return value !== RegExp.prototype && hasBrand(regExpGlobal, value); }
export function isMap(value) { return hasBrand(mapSize, value); }
export function isSet(value) { return hasBrand(setSize, value); }
export function isWeakMap(value) { return hasBrand(WeakMap.prototype.has, value); }
export function isWeakSet(value) { return hasBrand(WeakSet.prototype.has, value); }
export function isPromise(value) { return value instanceof Promise; }
// An error of another realm (vm) has the Error tag without a Symbol.toStringTag to fake it.
export function isNativeError(value) {
  return value instanceof Error || (isObjectLike(value) && !(Symbol.toStringTag in value) && toTag(value) === '[object Error]');
}
export function isMapIterator(value) { return toTag(value) === '[object Map Iterator]'; }
export function isSetIterator(value) { return toTag(value) === '[object Set Iterator]'; }
export function isGeneratorObject(value) { return toTag(value) === '[object Generator]'; }
export function isGeneratorFunction(value) {
  return typeof value === 'function' && /^(GeneratorFunction|AsyncGeneratorFunction)$/.test(value.constructor && value.constructor.name);
}
export function isAsyncFunction(value) {
  return typeof value === 'function' && /^(AsyncFunction|AsyncGeneratorFunction)$/.test(value.constructor && value.constructor.name);
}
export function isBoxedPrimitive(value) {
  return unboxPrimitive(value) !== undefined;
}
// A boxed primitive is recognised by its internal slot (the prototype's own valueOf accepts it),
// not by Symbol.toStringTag, which any object can claim. The valueOf methods are captured at load.
const valueOfs = {
  number: Number.prototype.valueOf,
  string: String.prototype.valueOf,
  boolean: Boolean.prototype.valueOf,
  bigint: BigInt.prototype.valueOf,
  symbol: Symbol.prototype.valueOf,
};
const BOXED_TAGS = new Set(['[object Number]', '[object String]', '[object Boolean]', '[object BigInt]', '[object Symbol]']);
// Most objects are ruled out by their tag without a thrown exception (this runs for every
// object util.inspect and deep equality visit); only a changed tag needs the slot test.
function mayBeBoxed(value) {
  return isObjectLike(value) && (BOXED_TAGS.has(toTag(value)) || Symbol.toStringTag in value);
}
function hasSlot(kind, value) {
  if (!mayBeBoxed(value)) return false;
  try { Reflect.apply(valueOfs[kind], value, []); return true; } catch { return false; }
}
/** The kind and primitive of a boxed primitive (`['string', 'x']`), or `undefined`. */
export function unboxPrimitive(value) {
  if (!mayBeBoxed(value)) return undefined;
  for (const kind of Object.keys(valueOfs)) {
    try { return [kind, Reflect.apply(valueOfs[kind], value, [])]; } catch { /* another kind */ }
  }
  return undefined;
}
export function isNumberObject(value) { return hasSlot('number', value); }
export function isStringObject(value) { return hasSlot('string', value); }
export function isBooleanObject(value) { return hasSlot('boolean', value); }
export function isBigIntObject(value) { return hasSlot('bigint', value); }
export function isSymbolObject(value) { return hasSlot('symbol', value); }
export function isArgumentsObject(value) { return toTag(value) === '[object Arguments]'; }
export function isModuleNamespaceObject(value) { return isObjectLike(value) && value[Symbol.toStringTag] === 'Module'; }
export function isProxy() { return false; }
export function isExternal() { return false; }
export function isKeyObject() { return false; }
export function isCryptoKey() { return false; }

export default {
  isArrayBuffer, isSharedArrayBuffer, isAnyArrayBuffer, isArrayBufferView, isTypedArray, isUint8Array,
  isUint8ClampedArray, isUint16Array, isUint32Array, isInt8Array, isInt16Array, isInt32Array,
  isFloat32Array, isFloat64Array, isBigInt64Array, isBigUint64Array, isDataView, isDate, isRegExp,
  isMap, isSet, isWeakMap, isWeakSet, isPromise, isNativeError, isMapIterator, isSetIterator,
  isGeneratorObject, isGeneratorFunction, isAsyncFunction, isBoxedPrimitive, isNumberObject,
  isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, isArgumentsObject,
  isModuleNamespaceObject, isProxy, isExternal, isKeyObject, isCryptoKey,
};
