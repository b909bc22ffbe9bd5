// Module `node:test` (only under the `node:` prefix, as in Node): a compact test runner with
// Node's API — `test`/`it`, `describe`/`suite`, hooks, subtests through the context
// (`t.test`), `t.plan`, skip/todo, and `mock` (functions, methods, getters and setters).
//
// Tests run one after another, starting once the main module has finished, and report in TAP
// on stdout as Node's default reporter does when not on a terminal. A failure sets
// `process.exitCode = 1`.
import assert from 'assert';
import { codes } from 'internal/errors';

const { ERR_INVALID_ARG_TYPE } = codes;

// ---------------------------------------------------------------------------------------------
// Mocks.

function mockState(original, implementation, times) {
  return {
    calls: [],
    implementation,
    original,
    once: new Map(),
    times,
  };
}

class MockFunctionContext {
  #state;
  #restore;
  constructor(state, restore) {
    this.#state = state;
    this.#restore = restore;
  }
  get calls() { return this.#state.calls.slice(); }
  callCount() { return this.#state.calls.length; }
  mockImplementation(implementation) {
    if (typeof implementation !== 'function') throw new ERR_INVALID_ARG_TYPE('implementation', 'Function', implementation);
    this.#state.implementation = implementation;
  }
  mockImplementationOnce(implementation, onCall) {
    if (typeof implementation !== 'function') throw new ERR_INVALID_ARG_TYPE('implementation', 'Function', implementation);
    this.#state.once.set(onCall === undefined ? this.#state.calls.length : onCall, implementation);
  }
  resetCalls() { this.#state.calls.length = 0; }
  restore() { this.#restore(); }
}

function makeMock(original, implementation, options, restore) {
  const state = mockState(original, implementation, options.times);
  const context = new MockFunctionContext(state, restore);
  const mock = function (...args) {
    const call = state.calls.length;
    let run = state.once.get(call);
    if (run !== undefined) state.once.delete(call);
    else if (state.times !== undefined && call >= state.times) run = state.original;
    else run = state.implementation;
    const record = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: new.target, this: this };
    state.calls.push(record);
    try {
      record.result = new.target ? Reflect.construct(run, args, new.target) : Reflect.apply(run, this, args);
      return record.result;
    } catch (error) {
      record.error = error;
      throw error;
    }
  };
  Object.defineProperty(mock, 'mock', { value: context, enumerable: false, configurable: false });
  if (typeof original === 'function') {
    Object.defineProperty(mock, 'name', { value: original.name, configurable: true });
    Object.defineProperty(mock, 'length', { value: original.length, configurable: true });
  }
  return mock;
}

export class MockTracker {
  #restorers = [];

  fn(original = function () {}, implementation = original, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    return makeMock(original, implementation, options, () => {});
  }

  method(object, methodName, implementation, options = {}) {
    if (implementation !== null && typeof implementation === 'object' && typeof implementation !== 'function') {
      options = implementation;
      implementation = undefined;
    }
    const descriptor = findDescriptor(object, methodName);
    if (descriptor === undefined) throw new ERR_INVALID_ARG_TYPE('methodName', 'valid property', methodName);
    const key = options.getter ? 'get' : options.setter ? 'set' : 'value';
    const original = descriptor[key];
    if (typeof original !== 'function') throw new ERR_INVALID_ARG_TYPE('methodName', 'function', original);
    const restore = () => Object.defineProperty(object, methodName, descriptor);
    const mock = makeMock(original, implementation === undefined ? original : implementation, options, restore);
    Object.defineProperty(object, methodName, { ...descriptor, [key]: mock });
    this.#restorers.push(restore);
    return mock;
  }

  getter(object, methodName, implementation, options = {}) {
    return this.method(object, methodName, implementation, { ...options, getter: true });
  }

  setter(object, methodName, implementation, options = {}) {
    return this.method(object, methodName, implementation, { ...options, setter: true });
  }

  reset() { this.restoreAll(); }

  restoreAll() {
    for (const restore of this.#restorers.splice(0).reverse()) restore();
  }
}

function findDescriptor(object, name) {
  for (let o = object; o !== null && o !== undefined; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

export const mock = new MockTracker();

// ---------------------------------------------------------------------------------------------
// Tests.

let counter = 0;
const stats = { tests: 0, suites: 0, pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
const started = Date.now();

function write(line) {
  process.stdout.write(`${line}\n`);
}

function describeError(error, indent) {
  const text = error && error.stack ? String(error.stack) : String(error);
  return text.split('\n').map((l) => `${indent}  ${l}`).join('\n');
}

class Test {
  constructor(name, options, fn, parent, kind) {
    this.name = name;
    this.options = options;
    this.fn = fn;
    this.parent = parent;
    this.kind = kind;
    this.children = [];
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.depth = parent ? parent.depth + 1 : 0;
    this.number = 0;
    this.planned = undefined;
    this.asserted = 0;
  }

  indent() { return '    '.repeat(Math.max(0, this.depth - 1)); }

  async run() {
    this.started = true;
    const skip = this.options.skip;
    const todo = this.options.todo;
    if (skip) {
      this.report(true, ` # SKIP${typeof skip === 'string' ? ` ${skip}` : ''}`);
      stats.skipped++;
      return true;
    }
    let error;
    const context = new TestContext(this);
    const ancestors = [];
    for (let p = this.parent; p; p = p.parent) ancestors.unshift(p);
    try {
      if (this.kind === 'test') {
        for (const a of ancestors) for (const hook of a.hooks.beforeEach) await hook.call(context, context);
      }
      if (this.fn.length >= 2 && this.kind === 'test') {
        await new Promise((resolve, reject) => {
          const result = this.fn.call(context, context, (err) => (err ? reject(err) : resolve()));
          if (result && typeof result.then === 'function') reject(new Error('passed a callback but also returned a Promise'));
        });
      } else {
        await this.fn.call(context, context);
      }
      for (const hook of this.hooks.before) await hook.call(context, context);
      await this.runChildren();
      for (const hook of this.hooks.after) await hook.call(context, context);
      if (this.kind === 'test') {
        for (const a of ancestors.reverse()) for (const hook of a.hooks.afterEach) await hook.call(context, context);
      }
      if (this.planned !== undefined && this.planned !== this.asserted) {
        throw new Error(`plan expected ${this.planned} assertions but received ${this.asserted}`);
      }
    } catch (caught) {
      error = caught === undefined ? new Error('undefined was thrown') : caught;
    }
    const failedChildren = this.children.some((c) => c.failed);
    this.failed = (error !== undefined || failedChildren) && !todo;
    if (this.kind === 'suite') stats.suites++;
    else stats.tests++;
    if (todo) stats.todo++;
    else if (this.failed) stats.fail++;
    else stats.pass++;
    this.report(!this.failed, todo ? ` # TODO${typeof todo === 'string' ? ` ${todo}` : ''}` : '', error);
    return !this.failed;
  }

  async runChildren() {
    for (const child of this.children) {
      if (child.started) continue;
      child.number = this.children.indexOf(child) + 1;
      await child.run();
    }
  }

  report(ok, directive, error) {
    const indent = this.indent();
    if (this.depth === 1) write(`# Subtest: ${this.name}`);
    else write(`${indent}# Subtest: ${this.name}`);
    write(`${indent}${ok ? 'ok' : 'not ok'} ${this.number} - ${this.name}${directive}`);
    write(`${indent}  ---`);
    write(`${indent}  duration_ms: 0`);
    if (error !== undefined) {
      write(`${indent}  error: |-`);
      write(describeError(error, `${indent}  `));
    }
    write(`${indent}  ...`);
    if (!ok) process.exitCode = 1;
  }
}

class TestContext {
  #test;
  constructor(test) {
    this.#test = test;
    this.mock = new MockTracker();
    const self = this;
    this.assert = new Proxy(assert, {
      get(target, key) {
        const value = target[key];
        if (typeof value !== 'function') return value;
        return (...args) => { self.#test.asserted++; return value.apply(target, args); };
      },
    });
  }
  get name() { return this.#test.name; }
  get fullName() {
    const names = [];
    for (let t = this.#test; t && t.depth > 0; t = t.parent) names.unshift(t.name);
    return names.join(' > ');
  }
  get signal() { return new AbortController().signal; }
  plan(count) { this.#test.planned = count; }
  diagnostic(message) { write(`${this.#test.indent()}# ${message}`); }
  skip(message) { this.#test.options.skip = message || true; }
  todo(message) { this.#test.options.todo = message || true; }
  runOnly() {}
  before(fn) { this.#test.hooks.before.push(fn); }
  after(fn) { this.#test.hooks.after.push(fn); }
  beforeEach(fn) { this.#test.hooks.beforeEach.push(fn); }
  afterEach(fn) { this.#test.hooks.afterEach.push(fn); }
  test(name, options, fn) {
    const child = makeTest(name, options, fn, this.#test, 'test');
    child.number = this.#test.children.length;
    return child.run();
  }
}

function makeTest(name, options, fn, parent, kind) {
  if (typeof name === 'function') {
    fn = name;
    options = {};
    name = fn.name || '<anonymous>';
  } else if (typeof options === 'function') {
    fn = options;
    options = {};
  }
  if (options === undefined || options === null) options = {};
  if (fn === undefined) fn = () => {};
  const test = new Test(String(name), { ...options }, fn, parent, kind);
  parent.children.push(test);
  return test;
}

const root = new Test('<root>', {}, () => {}, null, 'suite');
let currentSuite = root;
let scheduled = false;

function schedule() {
  if (scheduled) return;
  scheduled = true;
  write('TAP version 13');
  setTimeout(async () => {
    for (let i = 0; i < root.children.length; i++) {
      const test = root.children[i];
      test.number = i + 1;
      await test.run();
    }
    write(`1..${root.children.length}`);
    write(`# tests ${stats.tests}`);
    write(`# suites ${stats.suites}`);
    write(`# pass ${stats.pass}`);
    write(`# fail ${stats.fail}`);
    write(`# cancelled ${stats.cancelled}`);
    write(`# skipped ${stats.skipped}`);
    write(`# todo ${stats.todo}`);
    write(`# duration_ms ${Date.now() - started}`);
  }, 0);
}

function register(kind) {
  return function (name, options, fn) {
    if (currentSuite !== root && currentSuite.collecting) {
      makeTest(name, options, fn, currentSuite, kind === 'suite' ? 'suite' : 'test');
      return Promise.resolve();
    }
    schedule();
    makeTest(name, options, fn, root, kind === 'suite' ? 'suite' : 'test');
    counter++;
    return Promise.resolve();
  };
}

const registerTest = register('test');

/** A suite's body runs at once, collecting its tests; they run in order afterwards. */
export function describe(name, options, fn) {
  if (typeof name === 'function') { fn = name; options = {}; name = fn.name || '<anonymous>'; }
  if (typeof options === 'function') { fn = options; options = {}; }
  const parent = currentSuite;
  if (parent === root) schedule();
  const suite = new Test(String(name), { ...(options || {}) }, () => {}, parent, 'suite');
  parent.children.push(suite);
  suite.collecting = true;
  currentSuite = suite;
  try {
    if (typeof fn === 'function') fn.call(suite, suite);
  } finally {
    suite.collecting = false;
    currentSuite = parent;
  }
  return Promise.resolve();
}

export function test(name, options, fn) {
  return registerTest(name, options, fn);
}
test.skip = (name, options, fn) => test(name, { ...(typeof options === 'object' && options ? options : {}), skip: true }, typeof options === 'function' ? options : fn);
test.todo = (name, options, fn) => test(name, { ...(typeof options === 'object' && options ? options : {}), todo: true }, typeof options === 'function' ? options : fn);
test.only = test;
describe.skip = (name, options, fn) => describe(name, { skip: true }, typeof options === 'function' ? options : fn);
describe.todo = describe;
describe.only = describe;

export const it = test;
export const suite = describe;

function hook(kind) {
  return (fn) => { currentSuite.hooks[kind].push(fn); };
}
export const before = hook('before');
export const after = hook('after');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

export function run() {
  throw new codes.ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('test.run (it starts processes)');
}

test.test = test;
test.it = it;
test.describe = describe;
test.suite = suite;
test.before = before;
test.after = after;
test.beforeEach = beforeEach;
test.afterEach = afterEach;
test.mock = mock;
test.run = run;
test.MockTracker = MockTracker;

export default test;
