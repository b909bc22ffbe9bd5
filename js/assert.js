// Module `assert`: Node's assertion functions, written for wasmedge_boa.

import { inspect, deepEqual as deepCompare } from 'util';
import { codes } from 'internal/errors';

export class AssertionError extends Error {
  constructor(options = {}) {
    const { message, actual, expected, operator, stackStartFn } = options;
    super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    this.generatedMessage = message === undefined;
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, stackStartFn);
  }
}

function show(value) { return inspect(value, { depth: 4 }); }

function defaultMessage(actual, expected, operator) {
  switch (operator) {
    case 'strictEqual': return 'Expected values to be strictly equal:\n\n' + show(actual) + ' !== ' + show(expected) + '\n';
    case 'deepStrictEqual': return 'Expected values to be strictly deep-equal:\n' + show(actual) + '\n\nshould equal\n\n' + show(expected);
    case 'deepEqual': return 'Expected values to be loosely deep-equal:\n\n' + show(actual) + '\n\nshould loosely deep-equal\n\n' + show(expected);
    case 'notStrictEqual': return 'Expected "actual" to be strictly unequal to: ' + show(expected);
    case 'notDeepStrictEqual': return 'Expected "actual" not to be strictly deep-equal to: ' + show(expected);
    case 'notDeepEqual': return '"actual" deepEqual "expected": ' + show(actual);
    case '==': return show(actual) + ' == ' + show(expected);
    case '!=': return show(actual) + ' != ' + show(expected);
    case 'fail': return 'Failed';
    default: return show(actual) + ' ' + operator + ' ' + show(expected);
  }
}

function fault(message, fields) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ ...fields, message });
}

export function ok(value, message) {
  if (arguments.length === 0) fault('No value argument passed to `assert.ok()`', { actual: undefined, expected: true, operator: '==' });
  if (!value) fault(message === undefined ? 'The expression evaluated to a falsy value:\n\n  assert.ok(' + show(value) + ')\n' : message,
    { actual: value, expected: true, operator: '==', stackStartFn: ok });
}

export function equal(actual, expected, message) {
  // eslint-disable-next-line eqeqeq
  if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) fault(message, { actual, expected, operator: '==' });
}

export function notEqual(actual, expected, message) {
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) fault(message, { actual, expected, operator: '!=' });
}

export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) fault(message, { actual, expected, operator: 'strictEqual' });
}

export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fault(message, { actual, expected, operator: 'notStrictEqual' });
}

export function deepEqual(actual, expected, message) {
  if (!deepCompare(actual, expected, false, new Map())) fault(message, { actual, expected, operator: 'deepEqual' });
}

export function notDeepEqual(actual, expected, message) {
  if (deepCompare(actual, expected, false, new Map())) fault(message, { actual, expected, operator: 'notDeepEqual' });
}

export function deepStrictEqual(actual, expected, message) {
  if (!deepCompare(actual, expected, true, new Map())) fault(message, { actual, expected, operator: 'deepStrictEqual' });
}

export function notDeepStrictEqual(actual, expected, message) {
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

export function match(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw new TypeError('The "regexp" argument must be an instance of RegExp.');
  if (typeof string !== 'string' || !regexp.test(string)) {
    fault(message !== undefined ? message : typeof string !== 'string'
      ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + show(string) + ')'
      : 'The input did not match the regular expression ' + String(regexp) + '. Input:\n\n' + show(string) + '\n',
    { actual: string, expected: regexp, operator: 'match' });
  }
}

export function doesNotMatch(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw new TypeError('The "regexp" argument must be an instance of RegExp.');
  if (typeof string !== 'string' || regexp.test(string)) {
    fault(message !== undefined ? message : 'The input was expected to not match the regular expression ' + String(regexp) + '. Input:\n\n' + show(string) + '\n',
      { actual: string, expected: regexp, operator: 'doesNotMatch' });
  }
}

export function ifError(value) {
  if (value !== null && value !== undefined) {
    if (value instanceof Error) throw value;
    fault('ifError got unwanted exception: ' + show(value), { actual: value, expected: null, operator: 'ifError' });
  }
}

/** Does `error` satisfy the `expected` of throws/rejects (class, RegExp, validator or object)? */
function matchesExpected(error, expected, operator) {
  if (expected === undefined) return;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) {
      fault(undefined, { actual: error, expected, operator, message: 'The error is expected to be an instance of "' + expected.name + '". Received "' + (error && error.constructor ? error.constructor.name : typeof error) + '"' });
    }
    if (expected.call({}, error) === true) return;
    fault(undefined, { actual: error, expected, operator, message: 'The validation function is expected to return "true". Received ' + show(expected.call({}, error)) });
  }
  if (expected instanceof RegExp) {
    if (expected.test(String(error))) return;
    fault(undefined, { actual: error, expected, operator, message: 'The input did not match the regular expression ' + String(expected) + '. Input:\n\n' + show(String(error)) + '\n' });
  }
  if (expected !== null && typeof expected === 'object') {
    for (const key of Object.keys(expected)) {
      const want = expected[key];
      const got = error === null || error === undefined ? undefined : error[key];
      const okay = want instanceof RegExp && typeof got === 'string' ? want.test(got) : deepCompare(got, want, true, new Map());
      if (!okay) {
        fault(undefined, { actual: error, expected, operator, message: 'Expected values to be strictly deep-equal:\n' + key + ': ' + show(got) + ' !== ' + show(want) });
      }
    }
    return;
  }
  throw new TypeError('The "expected" argument must be of type function or an instance of Error, RegExp, or Object.');
}

const NO_EXCEPTION = Symbol('no exception');

export function throws(fn, expected, message) {
  if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function.');
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  let caught = NO_EXCEPTION;
  try { fn(); } catch (err) { caught = err; }
  if (caught === NO_EXCEPTION) {
    fault(message !== undefined ? message : 'Missing expected exception' + (expected && expected.name ? ' (' + expected.name + ').' : '.'),
      { actual: undefined, expected, operator: 'throws' });
  }
  matchesExpected(caught, expected, 'throws');
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
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  const caught = await waitForActual(promiseFn);
  if (caught === NO_EXCEPTION) {
    fault(message !== undefined ? message : 'Missing expected rejection' + (expected && expected.name ? ' (' + expected.name + ').' : '.'),
      { actual: undefined, expected, operator: 'rejects' });
  }
  matchesExpected(caught, expected, 'rejects');
}

export async function doesNotReject(promiseFn, expected, message) {
  expectsNoError(doesNotReject, 'rejection', await waitForActual(promiseFn), expected, message);
}

function assert(value, message) {
  if (arguments.length === 0) fault('No value argument passed to `assert.ok()`', { actual: undefined, expected: true, operator: '==' });
  if (!value) fault(message === undefined ? 'The expression evaluated to a falsy value:\n\n  assert(' + show(value) + ')\n' : message,
    { actual: value, expected: true, operator: '==', stackStartFn: assert });
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
  if (arguments.length === 0) fault('No value argument passed to `assert.ok()`', { actual: undefined, expected: true, operator: '==' });
  return assert(value, message);
}, assert, {
  equal: strictEqual, notEqual: notStrictEqual, deepEqual: deepStrictEqual, notDeepEqual: notDeepStrictEqual,
});
strict.strict = strict;
assert.strict = strict;

export default assert;
