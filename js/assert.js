// Module `assert`: Node's assertion functions, written for wasmedge_boa.

import { inspect, deepEqual as deepCompare, types } from 'util';
import { codes } from 'internal/errors';
import { builtin } from '_boa:module';

export class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const { message, actual, expected, operator, stackStartFn = options.stackStartFunction } = options;
    // Two errors are shown without their stacks.
    const bothErrors = actual instanceof Error && expected instanceof Error;
    const [a, e] = bothErrors ? [withoutStack(actual), withoutStack(expected)] : [actual, expected];
    super(message === undefined ? defaultMessage(a, e, operator)
      : operator === 'strictEqual' || operator === 'deepStrictEqual' ? withDiff(String(message), a, e, operator)
      : String(message));
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    this.generatedMessage = message === undefined;
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, stackStartFn);
  }
}

// Inspected, a long string shows its first 10 lines or 512 characters (Node's rule), and
// `actual`/`expected` only to depth 0: the message already compares them.
const clip = (v) => {
  if (typeof v !== 'string') return v;
  const lines = v.split('\n', 11);
  if (lines.length > 10) return lines.slice(0, 10).join('\n') + '\n...';
  return v.length > 512 ? v.slice(512) + '...' : v;
};
AssertionError.prototype[inspect.custom] = function (depth, options) {
  const { actual, expected } = this;
  this.actual = clip(actual);
  this.expected = clip(expected);
  try {
    return inspect(this, { ...options, customInspect: false, depth: 0 });
  } finally {
    this.actual = actual;
    this.expected = expected;
  }
};

function withoutStack(error) {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error)), error);
  Object.defineProperty(copy, 'message', { value: error.message });
  return copy;
}

function show(value) { return inspect(value, { depth: 4 }); }

// How the failure messages name each operator (Node's wording).
const readableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

// Values as the messages show them: every property on its own line, keys sorted, getters
// called, no custom inspectors, so that two values compare line by line.
function inspectForDiff(value) {
  return inspect(value, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
    showProxy: false, sorted: true, getters: true,
  });
}

const isObjectLike = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';

// Five or fewer identical lines between differences are shown; more are collapsed to "...".
function identicalRun(lines, i, identical) {
  let out = '';
  let count = 0;
  if (identical > 2) {
    if (identical > 3) {
      if (identical > 4) {
        if (identical === 5) { out += '\n  ' + lines[i - 3]; count++; } else { out += '\n...'; }
      }
      out += '\n  ' + lines[i - 2]; count++;
    }
    out += '\n  ' + lines[i - 1]; count++;
  }
  return [out, count, identical > 5];
}

/** The message of a failed strictEqual/deepStrictEqual: a line diff of the two values ("+" actual,
 *  "-" expected), or `a !== b` for two short primitives. */
function diffMessage(actual, expected, operator) {
  const actualShown = inspectForDiff(actual);
  const actualLines = actualShown.split('\n');
  const expectedLines = inspectForDiff(expected).split('\n');
  if (operator === 'strictEqual' && ((isObjectLike(actual) && isObjectLike(expected) && typeof actual === typeof expected))) {
    operator = 'strictEqualObject';
  }
  let i = 0;
  let indicator = '';
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const length = actualLines[0].length + expectedLines[0].length;
    if (length <= 12) {
      if (!(typeof actual === 'object' && actual !== null) && !(typeof expected === 'object' && expected !== null) &&
          (actual !== 0 || expected !== 0)) {
        return readableOperator[operator] + '\n\n' + actualLines[0] + ' !== ' + expectedLines[0] + '\n';
      }
    } else if (operator !== 'strictEqualObject' && length < 80) {
      // One short line each: a caret under the first differing character.
      while (actualLines[0][i] === expectedLines[0][i]) i++;
      if (i > 2) {
        indicator = '\n  ' + ' '.repeat(i) + '^';
        i = 0;
      }
    }
  }
  // Identical trailing lines: up to three are kept as context, the rest skipped.
  let end = '';
  let other = '';
  let skipped = false;
  while (actualLines.length > 0 && expectedLines.length > 0 &&
         actualLines[actualLines.length - 1] === expectedLines[expectedLines.length - 1]) {
    const line = actualLines.pop();
    expectedLines.pop();
    if (i++ < 3) end = '\n  ' + line + end;
    else other = line;
  }
  const maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    // Equal by value, not by reference.
    const lines = actualShown.split('\n');
    if (lines.length > 50) {
      lines[46] = '...';
      lines.length = 47;
    }
    return readableOperator.notIdentical + '\n\n' + lines.join('\n') + '\n';
  }
  if (i >= 5) { end = '\n...' + end; skipped = true; }
  if (other !== '') { end = '\n  ' + other + end; other = ''; }

  const header = readableOperator[operator] + '\n+ actual - expected';
  let out = '';
  let printed = 0;
  let identical = 0;
  let lines = actualLines;
  let sign = '+';
  let shorter = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    sign = '-';
    shorter = actualLines.length;
  }
  for (i = 0; i < maxLines; i++) {
    if (shorter < i + 1) {
      // Only one side has lines left.
      const [run, count, collapsed] = identicalRun(lines, i, identical);
      out += run; printed += count; skipped ||= collapsed;
      identical = 0;
      if (lines === actualLines) out += '\n' + sign + ' ' + lines[i];
      else other += '\n' + sign + ' ' + lines[i];
      printed++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      let differs = actualLine !== expectedLine && (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
      if (differs && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        differs = false;
        actualLine += ',';
      }
      if (differs) {
        const [run, count, collapsed] = identicalRun(actualLines, i, identical);
        out += run; printed += count; skipped ||= collapsed;
        identical = 0;
        // Consecutive differences read "+ + - -", not "+ - + -".
        out += '\n+ ' + actualLine;
        other += '\n- ' + expectedLine;
        printed += 2;
      } else {
        out += other;
        other = '';
        identical++;
        if (identical <= 2) { out += '\n  ' + actualLine; printed++; }
      }
    }
    if (printed > 50 && i < maxLines - 2) {
      return header + ' ... Lines skipped\n' + out + '\n...' + other + '\n...';
    }
  }
  return header + (skipped ? ' ... Lines skipped' : '') + '\n' + out + other + end + indicator;
}

// A custom message of strictEqual/deepStrictEqual still gets the diff, under the custom line.
function withDiff(message, actual, expected, operator) {
  const generated = diffMessage(actual, expected, operator);
  for (const header of Object.values(readableOperator)) {
    if (generated.startsWith(header)) return message + generated.slice(header.length);
  }
  return message;
}

function defaultMessage(actual, expected, operator) {
  switch (operator) {
    case 'strictEqual':
    case 'deepStrictEqual':
      return diffMessage(actual, expected, operator);
    case 'notStrictEqual':
    case 'notDeepStrictEqual': {
      // The values are equal: show one of them.
      let base = readableOperator[operator];
      const lines = inspectForDiff(actual).split('\n');
      if (operator === 'notStrictEqual' && isObjectLike(actual)) base = readableOperator.notStrictEqualObject;
      if (lines.length > 50) {
        lines[46] = '...';
        lines.length = 47;
      }
      if (lines.length === 1) return base + (lines[0].length > 5 ? '\n\n' : ' ') + lines[0];
      return base + '\n\n' + lines.join('\n') + '\n';
    }
    case 'fail': return 'Failed';
    default: {
      let shown = inspectForDiff(actual);
      let other = inspectForDiff(expected);
      if (operator === 'notDeepEqual' && shown === other) {
        shown = readableOperator.notDeepEqual + '\n\n' + shown;
        return shown.length > 1024 ? shown.slice(0, 1021) + '...' : shown;
      }
      if (shown.length > 512) shown = shown.slice(0, 509) + '...';
      if (other.length > 512) other = other.slice(0, 509) + '...';
      if (operator === 'deepEqual') return readableOperator.deepEqual + '\n\n' + shown + '\n\nshould loosely deep-equal\n\n' + other;
      if (operator === 'notDeepEqual') return readableOperator.notDeepEqualUnequal + '\n\n' + shown + '\n\nshould not loosely deep-equal\n\n' + other;
      return shown + ' ' + operator + ' ' + other;
    }
  }
}

function fault(message, fields) {
  if (message instanceof Error || types.isNativeError(message)) throw message;
  if (message === undefined && fields.message !== undefined) {
    // A message this module composed (fields.message) counts as generated.
    const error = new AssertionError(fields);
    error.generatedMessage = true;
    throw error;
  }
  throw new AssertionError({ ...fields, message });
}

// The source text of the call that made `fn` fail (`assert.ok(x > 1)`), read from the caller's
// file as Node does; undefined for built-in callers, eval and unreadable files. The frame's
// column points at the call's `(`: the callee is what precedes it on that line, the arguments
// run to the matching `)`.
function callSource(fn) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  const at = /\(([^()]+):(\d+):(\d+)\)$/.exec(String(holder.stack).split('\n')[1]);
  if (at === null || !at[1].startsWith('/')) return undefined;
  let lines;
  try { lines = builtin('fs').readFileSync(at[1], 'utf8').split('\n'); } catch { return undefined; }
  const line = lines[at[2] - 1];
  let open = at[3] - 1;
  if (line === undefined || line[open] !== '(') return undefined;
  let start = open;
  let depth = 0;
  while (start > 0) {
    const c = line[start - 1];
    if (c === ']') depth++;
    else if (c === '[') { if (depth === 0) break; depth--; }
    else if (depth === 0 && !/[\p{ID_Continue}$.\s?]/u.test(c)) break;
    start--;
  }
  while (/[\s.]/.test(line[start])) start++;
  const text = lines.slice(at[2] - 1).join('\n');
  depth = 0;
  let quote = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) {
      // Later lines lose the indentation of the first; control characters are escaped.
      const source = text.slice(start, i + 1).split('\n')
        .map((l, n) => n === 0 ? l : l.replace(new RegExp('^[ \\t]{0,' + start + '}'), '')).join('\n  ');
      return source.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
    }
  }
  return undefined;
}

// ok() and assert(): a falsy value fails with the caller's source (Node's wording), or
// `value == true` when that cannot be read.
function innerOk(fn, count, value, message) {
  if (value) return;
  if (count === 0 || message === undefined) {
    const source = count === 0 ? undefined : callSource(fn);
    if (count === 0) message = 'No value argument passed to `assert.ok()`';
    if (source !== undefined) message = 'The expression evaluated to a falsy value:\n\n  ' + source + '\n';
    const error = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    error.generatedMessage = true;
    throw error;
  }
  fault(message, { actual: value, expected: true, operator: '==', stackStartFn: fn });
}

export function ok(value, message) {
  innerOk(ok, arguments.length, value, message);
}

export function equal(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) fault(message, { actual, expected, operator: '==' });
}

export function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) fault(message, { actual, expected, operator: '!=' });
}

export function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  if (!Object.is(actual, expected)) fault(message, { actual, expected, operator: 'strictEqual' });
}

export function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  if (Object.is(actual, expected)) fault(message, { actual, expected, operator: 'notStrictEqual' });
}

export function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  if (!deepCompare(actual, expected, false, new Map())) fault(message, { actual, expected, operator: 'deepEqual' });
}

export function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  if (deepCompare(actual, expected, false, new Map())) fault(message, { actual, expected, operator: 'notDeepEqual' });
}

export function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  if (!deepCompare(actual, expected, true, new Map())) fault(message, { actual, expected, operator: 'deepStrictEqual' });
}

export function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
  if (deepCompare(actual, expected, true, new Map())) fault(message, { actual, expected, operator: 'notDeepStrictEqual' });
}

let failFormWarned = false;

// fail(), fail(message | error), and the deprecated fail(actual, expected[, message[, operator
// [, stackStartFn]]]) (DEP0094), as Node has them.
export function fail(actual, expected, message, operator, stackStartFn) {
  const count = arguments.length;
  let generated = false;
  if (actual == null && count <= 1) {
    generated = true;
    message = 'Failed';
  } else if (count === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!failFormWarned) {
      failFormWarned = true;
      process.emitWarning('assert.fail() with more than one argument is deprecated. ' +
        'Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (count === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const error = new AssertionError({
    actual, expected, message, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail,
  });
  if (generated) error.generatedMessage = true;
  throw error;
}

// match/doesNotMatch: a non-string input fails too (a generated message unless the caller gave one).
function matching(string, regexp, message, wanted, operator) {
  if (!types.isRegExp(regexp)) throw new codes.ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  if (typeof string === 'string' && regexp.test(string) === wanted) return;
  fault(message, { actual: string, expected: regexp, operator, message: typeof string !== 'string'
    ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + show(string) + ')'
    : (wanted ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
      String(regexp) + '. Input:\n\n' + show(string) + '\n' });
}

export function match(string, regexp, message) { matching(string, regexp, message, true, 'match'); }

export function doesNotMatch(string, regexp, message) { matching(string, regexp, message, false, 'doesNotMatch'); }

export function ifError(value) {
  if (value === null || value === undefined) return;
  // The message names the error (its message, or its class when the message is empty).
  let message = 'ifError got unwanted exception: ';
  if (typeof value === 'object' && typeof value.message === 'string') {
    message += value.message.length === 0 && value.constructor ? value.constructor.name : value.message;
  } else {
    message += show(value);
  }
  const error = new AssertionError({ actual: value, expected: null, operator: 'ifError', message, stackStartFn: ifError });
  // The stack: where ifError was called, down to the first frame the two stacks share, then the
  // original error's frames.
  const original = value.stack;
  const framesAt = typeof original === 'string' ? original.indexOf('\n    at') : -1;
  if (framesAt !== -1 && typeof error.stack === 'string') {
    const originalFrames = original.slice(framesAt + 1).split('\n');
    let ownFrames = error.stack.split('\n');
    for (const frame of originalFrames) {
      const shared = ownFrames.indexOf(frame);
      if (shared !== -1) { ownFrames = ownFrames.slice(0, shared); break; }
    }
    error.stack = ownFrames.join('\n') + '\n' + originalFrames.join('\n');
  }
  throw error;
}

/** Does `error` satisfy the `expected` of throws/rejects (class, RegExp, validator or object)?
 *  A failure reports the caller's `message` when there is one, else a composed message. */
function matchesExpected(error, expected, operator, message) {
  if (expected === undefined) return;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return;
    if (Error.isPrototypeOf(expected)) {
      let received;
      if (types.isNativeError(error)) {
        const name = error.constructor?.name || error.name;
        received = name === expected.name ? 'an error with identical name but a different prototype.' : '"' + name + '"';
        if (error.message) received += '\n\nError message:\n\n' + error.message;
      } else {
        received = '"' + inspect(error, { depth: -1 }) + '"';
      }
      fault(message, { actual: error, expected, operator,
        message: 'The error is expected to be an instance of "' + expected.name + '". Received ' + received });
    }
    // A validation function runs once; anything but `true` fails, naming it and the error.
    const result = expected.call({}, error);
    if (result === true) return;
    const caught = types.isNativeError(error) ? '\n\nCaught error:\n\n' + String(error) : '';
    fault(message, { actual: error, expected, operator,
      message: 'The ' + (expected.name ? '"' + expected.name + '" ' : '') + 'validation function is expected to return "true". Received ' + inspect(result) + caught });
  }
  if (expected instanceof RegExp) {
    if (expected.test(String(error))) return;
    fault(message, { actual: error, expected, operator, message: 'The input did not match the regular expression ' + String(expected) + '. Input:\n\n' + show(String(error)) + '\n' });
  }
  if (expected !== null && typeof expected === 'object') {
    if (error === null || typeof error !== 'object') {
      // As Node: a primitive cannot have the properties, and the failure is reported as a
      // deepStrictEqual of the two (a caller's message gets the diff under it).
      const failure = new AssertionError({ actual: error, expected, message, operator: 'deepStrictEqual' });
      failure.operator = operator;
      throw failure;
    }
    const keys = Object.keys(expected);
    if (expected instanceof Error) keys.push('name', 'message');
    for (const key of keys) {
      const want = expected[key];
      if (want instanceof RegExp && typeof error[key] === 'string' && want.test(error[key])) continue;
      if (key in error && deepCompare(error[key], want, true, new Map())) continue;
      if (message !== undefined) fault(message, { actual: error, expected, operator });
      // Node's report: a diff of the compared keys only, as two `Comparison` objects (a
      // RegExp that matched shows the matched string).
      const failure = new AssertionError({
        actual: new Comparison(error, keys), expected: new Comparison(expected, keys, error), operator: 'deepStrictEqual',
      });
      Object.assign(failure, { actual: error, expected, operator });
      throw failure;
    }
    return;
  }
  throw new TypeError('The "expected" argument must be of type function or an instance of Error, RegExp, or Object.');
}

class Comparison {
  constructor(object, keys, actual) {
    for (const key of keys) {
      if (!(key in object)) continue;
      const value = object[key];
      this[key] = actual !== undefined && value instanceof RegExp && typeof actual[key] === 'string' && value.test(actual[key]) ? actual[key] : value;
    }
  }
}

const NO_EXCEPTION = Symbol('no exception');

// throws/rejects take as `expected` a class, validator, RegExp, non-empty object or (as the
// message) a string; anything else, or a string followed by a message, is refused, and so is a
// string message that equals the error thrown or its message (ambiguous).
function checkExpected(expected, count, actual) {
  if (typeof expected === 'string' ? count === 3 : expected != null && typeof expected !== 'object' && typeof expected !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], expected);
  }
  if (typeof expected === 'string' && actual !== NO_EXCEPTION) {
    const isObject = typeof actual === 'object' && actual !== null;
    if (isObject ? actual.message === expected : actual === expected) {
      throw new codes.ERR_AMBIGUOUS_ARGUMENT('error/message',
        `The error ${isObject ? 'message ' : ''}"${isObject ? actual.message : actual}" is identical to the message.`);
    }
  }
  if (typeof expected === 'object' && expected !== null && !(expected instanceof RegExp) && Object.keys(expected).length === 0 &&
      !(expected instanceof Error) && actual !== NO_EXCEPTION) {
    throw new codes.ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
  }
}

export function throws(fn, expected, message) {
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', 'Function', fn);
  let caught = NO_EXCEPTION;
  try { fn(); } catch (err) { caught = err; }
  checkExpected(expected, arguments.length, caught);
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  if (caught === NO_EXCEPTION) {
    fault('Missing expected exception' + (expected && expected.name ? ' (' + expected.name + ')' : '') + (message ? ': ' + message : '.'),
      { actual: undefined, expected, operator: 'throws', stackStartFn: throws });
  }
  matchesExpected(caught, expected, 'throws', message);
}

export function doesNotThrow(fn, expected, message) {
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', 'Function', fn);
  let caught = NO_EXCEPTION;
  try { fn(); } catch (err) { caught = err; }
  expectsNoError(doesNotThrow, 'exception', caught, expected, message);
}

// The promise of rejects/doesNotReject: a promise, or what a function returns (a promise).
async function waitForActual(promiseFn) {
  let promise;
  if (typeof promiseFn === 'function') {
    promise = promiseFn();
    if (!isPromiseLike(promise)) throw new codes.ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', promise);
  } else if (isPromiseLike(promiseFn)) {
    promise = promiseFn;
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return NO_EXCEPTION;
}

function isPromiseLike(value) {
  return value instanceof Promise ||
    (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');
}

// doesNotThrow/doesNotReject: an error that `expected` (a class, validator or RegExp) accepts,
// or any error without `expected`, fails the assertion; any other error is thrown as it is.
function expectsNoError(stackStartFn, kind, actual, expected, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  if (!expected || matchesForbidden(actual, expected)) {
    throw new AssertionError({
      actual, expected, operator: stackStartFn.name, stackStartFn,
      message: `Got unwanted ${kind}${message ? `: ${message}` : '.'}\nActual message: "${actual?.message}"`,
    });
  }
  throw actual;
}

function matchesForbidden(actual, expected) {
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) return expected.test(String(actual));
    throw new codes.ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return expected.call({}, actual) === true;
}

export async function rejects(promiseFn, expected, message) {
  const caught = await waitForActual(promiseFn);
  checkExpected(expected, arguments.length, caught);
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  if (caught === NO_EXCEPTION) {
    fault('Missing expected rejection' + (expected && expected.name ? ' (' + expected.name + ')' : '') + (message ? ': ' + message : '.'),
      { actual: undefined, expected, operator: 'rejects' });
  }
  matchesExpected(caught, expected, 'rejects', message);
}

export async function doesNotReject(promiseFn, expected, message) {
  expectsNoError(doesNotReject, 'rejection', await waitForActual(promiseFn), expected, message);
}

function assert(value, message) {
  innerOk(assert, arguments.length, value, message);
}

// ---------------------------------------------------------------------------------------------
// CallTracker (deprecated in Node 20, still there): counts calls of wrapped functions.

const noop = () => {};

export class CallTracker {
  #tracked = new Map();

  /** `calls([fn][, exact = 1])`: a wrapper of `fn` (a Proxy, so `length` and properties show
   *  through) whose calls are recorded. */
  calls(fn, exact = 1) {
    if (globalThis.process?._exiting) {
      throw new codes.ERR_UNAVAILABLE_DURING_EXIT();
    }
    if (typeof fn === 'number') {
      exact = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    if (typeof exact !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('exact', 'number', exact);
    if (!Number.isInteger(exact) || exact < 1) throw new codes.ERR_OUT_OF_RANGE('exact', 'an integer >= 1', exact);
    const context = { exact, calls: [], name: fn.name || 'calls' };
    // A null-prototype handler: traps inherited from Object.prototype must not count.
    const tracked = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, args) {
        context.calls.push(Object.freeze({ thisArg, arguments: Object.freeze(args.slice()) }));
        return Reflect.apply(target, thisArg, args);
      },
    });
    this.#tracked.set(tracked, context);
    return tracked;
  }

  getCalls(fn) {
    const context = this.#tracked.get(fn);
    if (context === undefined) throw new codes.ERR_INVALID_ARG_VALUE('fn', fn, 'is not a tracked function');
    return Object.freeze(context.calls.slice());
  }

  reset(fn) {
    if (fn === undefined) {
      for (const context of this.#tracked.values()) context.calls = [];
      return;
    }
    const context = this.#tracked.get(fn);
    if (context === undefined) throw new codes.ERR_INVALID_ARG_VALUE('fn', fn, 'is not a tracked function');
    context.calls = [];
  }

  report() {
    const errors = [];
    for (const context of this.#tracked.values()) {
      if (context.calls.length === context.exact) continue;
      errors.push({
        message: `Expected the ${context.name} function to be executed ${context.exact} time(s) but was ` +
          `executed ${context.calls.length} time(s).`,
        actual: context.calls.length,
        expected: context.exact,
        operator: context.name,
        stack: new Error().stack,
      });
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

Object.assign(assert, {
  ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual, notDeepEqual, deepStrictEqual,
  notDeepStrictEqual, fail, match, doesNotMatch, ifError, throws, doesNotThrow, rejects, doesNotReject,
  AssertionError, CallTracker,
});

export const strict = Object.assign(function strictAssert(value, message) {
  innerOk(strictAssert, arguments.length, value, message);
}, assert, {
  equal: strictEqual, notEqual: notStrictEqual, deepEqual: deepStrictEqual, notDeepEqual: notDeepStrictEqual,
});
strict.strict = strict;
assert.strict = strict;

export default assert;
