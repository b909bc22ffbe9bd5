// Node's error codes with Node's messages: one table for every module of the library.
//
//   import { codes } from 'internal/errors';
//   throw new codes.ERR_INVALID_ARG_TYPE('fd', 'number', fd);
//
// Each `codes.ERR_X` builds an ordinary TypeError/RangeError/Error (so `instanceof` and `name`
// are the built-in ones) with an enumerable `code` and a `toString()` of the form
// `TypeError [ERR_X]: message`, as Node's errors have. Messages follow Node 20's wording, which
// tests and scripts match on.
import { builtin } from '_boa:module';

let inspectFunction;
/** util.inspect, loaded on first use (util is large and most errors never need it). */
export function inspect(value, options) {
  if (inspectFunction === undefined) inspectFunction = builtin('util').inspect;
  return inspectFunction(value, options);
}

export const codes = Object.create(null);

function define(code, Base, message) {
  const format = typeof message === 'function' ? message : () => message;
  function NodeError(...args) {
    const error = new Base(format(...args));
    return decorate(error, code);
  }
  Object.defineProperty(NodeError, 'name', { value: code });
  // Some codes are thrown as more than one class (Node's `new ERR_X.RangeError()`).
  for (const Other of [TypeError, RangeError, Error]) {
    NodeError[Other.name] = function (...args) { return decorate(new Other(format(...args)), code); };
  }
  codes[code] = NodeError;
}

/** Gives `error` Node's `code` and `toString()`. */
export function decorate(error, code) {
  error.code = code;
  Object.defineProperty(error, 'toString', {
    value() { return `${this.name} [${code}]: ${this.message}`; },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return error;
}

// ---------------------------------------------------------------------------------------------
// How values are shown in messages.

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classLike = /^([A-Z][a-z0-9]*)+$/;

/** `1000000` → `1_000_000` (Node shows large numbers this way in range errors). */
export function addNumericalSeparator(text) {
  let result = '';
  let i = text.length;
  const start = text[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${text.slice(i - 3, i)}${result}`;
  return `${text.slice(0, i)}${result}`;
}

/** `type number (5)`, `an instance of Foo`, `function bar`, `null`… as Node's messages say. */
export function describeReceived(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number':
      if (Object.is(value, -0)) return 'type number (-0)';
      return `type number (${value})`;
    case 'boolean': return `type boolean (${value})`;
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${value.name}`;
    case 'object': {
      const ctor = value.constructor;
      if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return `an instance of ${ctor.name}`;
      return inspect(value, { depth: -1 });
    }
    case 'string': {
      let shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`;
    }
    default: {
      let shown = inspect(value, { colors: false });
      if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
      return `type ${typeof value} (${shown})`;
    }
  }
}

function listOf(items, word) {
  if (items.length > 2) return `${word}${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
  if (items.length === 2) return `${word}${items[0]} or ${items[1]}`;
  return `${word}${items[0]}`;
}

function expectedTypes(expected) {
  const list = Array.isArray(expected) ? expected : [expected];
  const types = [];
  const instances = [];
  const other = [];
  for (const item of list) {
    if (kTypes.includes(item)) types.push(item.toLowerCase());
    else if (classLike.test(item)) instances.push(item);
    else other.push(item);
  }
  if (instances.length > 0 && types.includes('object')) {
    types.splice(types.indexOf('object'), 1);
    instances.push('Object');
  }
  const parts = [];
  if (types.length > 0) parts.push(types.length === 1 ? `of type ${types[0]}` : listOf(types, 'one of type '));
  if (instances.length > 0) {
    parts.push(instances.length > 2 ? listOf(instances, 'an instance of ')
      : `an instance of ${instances[0]}${instances.length === 2 ? ` or ${instances[1]}` : ''}`);
  }
  if (other.length > 0) {
    if (other.length > 1) parts.push(listOf(other, 'one of '));
    else parts.push(`${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`);
  }
  return parts.join(' or ');
}

function argumentLabel(name) {
  if (name.endsWith(' argument')) return name;
  return `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
}

function received(input) {
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) return addNumericalSeparator(String(input));
  if (typeof input === 'bigint') {
    let text = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) text = addNumericalSeparator(text);
    return `${text}n`;
  }
  return inspect(input);
}

// ---------------------------------------------------------------------------------------------
// The table.

// Arguments.
define('ERR_INVALID_ARG_TYPE', TypeError, (name, expected, actual) =>
  `The ${argumentLabel(name)} must be ${expectedTypes(expected)}. Received ${describeReceived(actual)}`);
define('ERR_INVALID_ARG_VALUE', TypeError, (name, value, reason = 'is invalid') => {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return `The ${name.includes('.') ? 'property' : 'argument'} '${name}' ${reason}. Received ${shown}`;
});
define('ERR_OUT_OF_RANGE', RangeError, (name, range, input, replaceDefault = false) =>
  `${replaceDefault ? name : `The value of "${name}" is out of range.`} It must be ${range}. Received ${received(input)}`);
define('ERR_MISSING_ARGS', TypeError, (...names) => {
  const quoted = names.map((n) => (Array.isArray(n) ? n.map((m) => `"${m}"`).join(' or ') : `"${n}"`));
  let list;
  if (quoted.length === 1) list = quoted[0];
  else if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]}`;
  else list = `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return `The ${list} argument${quoted.length > 1 ? 's' : ''} must be specified`;
});
define('ERR_MISSING_OPTION', TypeError, (name) => `${name} is required`);
define('ERR_INVALID_RETURN_VALUE', TypeError, (input, name, value) =>
  `Expected ${input} to be returned from the "${name}" function but got ${describeReceived(value)}.`);
define('ERR_INVALID_THIS', TypeError, (type) => `Value of "this" must be of type ${type}`);
define('ERR_AMBIGUOUS_ARGUMENT', TypeError, (name, reason) => `The "${name}" argument is ambiguous. ${reason}`);
define('ERR_INCOMPATIBLE_OPTION_PAIR', TypeError, (a, b) => `Option "${a}" cannot be used in combination with option "${b}"`);
define('ERR_UNKNOWN_ENCODING', TypeError, (encoding) =>
  `Unknown encoding: ${encoding !== null && typeof encoding === 'object' ? inspect(encoding) : String(encoding)}`);
define('ERR_UNKNOWN_SIGNAL', TypeError, (signal) => `Unknown signal: ${signal}`);
define('ERR_INVALID_CHAR', TypeError, (name, field) =>
  (field ? `Invalid character in ${name} ["${field}"]` : `Invalid character in ${name}`));
define('ERR_INVALID_FD', RangeError, (fd) => `"fd" must be a positive integer: ${fd}`);
define('ERR_INVALID_FD_TYPE', TypeError, (type) => `Unsupported fd type: ${type}`);
define('ERR_ILLEGAL_CONSTRUCTOR', TypeError, 'Illegal constructor');
define('ERR_INVALID_STATE', Error, (reason) => `Invalid state: ${reason}`);
define('ERR_METHOD_NOT_IMPLEMENTED', Error, (method) => `The ${method} method is not implemented`);
define('ERR_OPERATION_FAILED', Error, (reason) => `Operation failed: ${reason}`);
define('ERR_USE_AFTER_CLOSE', Error, (name) => `${name} was closed`);
define('ERR_FALSY_VALUE_REJECTION', Error, 'Promise was rejected with falsy value');
define('ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', TypeError, (feature) =>
  `The feature ${feature} is unavailable on the current platform, which is being used to run Node.js`);
// `err` is already a string (events inspects the value it was given).
define('ERR_UNHANDLED_ERROR', Error, (err) => (err === undefined ? 'Unhandled error.' : `Unhandled error. (${err})`));
define('ERR_INVALID_URI', URIError, 'URI malformed');
define('ERR_ASSERTION', Error, (message) => message);
define('ERR_UNAVAILABLE_DURING_EXIT', Error, 'Cannot call function in process exit handler');

// Buffers and strings.
define('ERR_BUFFER_OUT_OF_BOUNDS', RangeError, (name) =>
  (name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds'));
define('ERR_INVALID_BUFFER_SIZE', RangeError, (size) => `Buffer size must be a multiple of ${size}`);
define('ERR_STRING_TOO_LONG', Error, 'Cannot create a string longer than 0x1fffffe8 characters');
define('ERR_ENCODING_NOT_SUPPORTED', RangeError, (encoding) => `The "${encoding}" encoding is not supported`);

// URLs.
define('ERR_INVALID_URL', TypeError, 'Invalid URL');
define('ERR_INVALID_URL_SCHEME', TypeError, (expected) => `The URL must be of scheme ${expected}`);
define('ERR_INVALID_FILE_URL_PATH', TypeError, (reason) => `File URL path ${reason}`);
define('ERR_INVALID_FILE_URL_HOST', TypeError, (platform) => `File URL host must be "localhost" or empty on ${platform}`);

// File system.
define('ERR_FS_FILE_TOO_LARGE', RangeError, (size) => `File size (${size}) is greater than 2 GiB`);
define('ERR_FS_INVALID_SYMLINK_TYPE', Error, (type) => `Symlink type must be one of "dir", "file", or "junction". Received "${type}"`);
define('ERR_DIR_CLOSED', Error, 'Directory handle was closed');
define('ERR_DIR_CONCURRENT_OPERATION', Error,
  'Cannot do synchronous work on directory handle with concurrent asynchronous operations');

// Streams.
define('ERR_MULTIPLE_CALLBACK', Error, 'Callback called multiple times');
define('ERR_STREAM_PUSH_AFTER_EOF', Error, 'stream.push() after EOF');
define('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', Error, 'stream.unshift() after end event');
define('ERR_STREAM_WRITE_AFTER_END', Error, 'write after end');
define('ERR_STREAM_DESTROYED', Error, (method) => `Cannot call ${method} after a stream was destroyed`);
define('ERR_STREAM_ALREADY_FINISHED', Error, (method) => `Cannot call ${method} after a stream was finished`);
define('ERR_STREAM_NULL_VALUES', TypeError, 'May not write null values to stream');
define('ERR_STREAM_CANNOT_PIPE', Error, 'Cannot pipe, not readable');
define('ERR_STREAM_PREMATURE_CLOSE', Error, 'Premature close');
define('ERR_STREAM_UNABLE_TO_PIPE', Error, 'Cannot pipe to a closed or destroyed stream');

// Console.
define('ERR_CONSOLE_WRITABLE_STREAM', TypeError, (name) => `Console expects a writable stream instance for ${name}`);

// Modules.
define('ERR_UNKNOWN_BUILTIN_MODULE', Error, (name) => `No such built-in module: ${name}`);
define('ERR_REQUIRE_ESM', Error, (filename) => `require() of ES Module ${filename} not supported.`);
define('ERR_DLOPEN_FAILED', Error, (reason) => reason);

/** Node's AbortError (`code` `ABORT_ERR`). */
export class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

/**
 * Node's SystemError for the `ERR_FS_*` codes raised in JavaScript (`cp`): message
 * `<prefix>: <syscall> returned <CODE> (<message>) <path>`, with `info`, `errno`, `syscall`…
 */
export function systemError(code, prefix, info) {
  let message = `${prefix}: ${info.syscall} returned ${info.code} (${info.message})`;
  if (info.path !== undefined) message += ` ${info.path}`;
  if (info.dest !== undefined) message += ` => ${info.dest}`;
  const error = decorate(new Error(message), code);
  error.name = 'SystemError';
  for (const key of ['errno', 'syscall', 'path', 'dest']) {
    if (info[key] !== undefined) error[key] = info[key];
  }
  error.info = info;
  return error;
}

export default { codes, AbortError, systemError, inspect, describeReceived, addNumericalSeparator, decorate };
