// assert.ok()/assert() without a message name the failed call as the caller's source shows it
// (read back from the file, several lines kept with their relative indentation), and the other
// argument rules of assert: AssertionError's options, throws()'s `fn` and `error` arguments.
const assert = require('assert');
const show = (f) => {
  try { f(); console.log('no throw'); } catch (e) {
    console.log(e.name, e.code, e.generatedMessage, JSON.stringify(e.message));
  }
};
show(() => assert.ok(typeof 123 === 'string'));
show(() => assert(null, undefined));
show(() => { assert.strict.ok(
  [].length
); });
show(() => { try { assert.ok(0); } catch (e) { throw e; } });
show(() => assert.ok(''.length, 'mine'));
show(() => assert.ok());
const wrap = (fn, value) => fn(value);
show(() => wrap(assert, false));
// No source to read: eval'd code and a caller inside the library get Node's fallback.
show(() => eval('assert.ok(1 === 2)'));
const { EventEmitter } = require('events');
const emitter = new EventEmitter();
emitter.on('check', assert);
show(() => emitter.emit('check', 0));
// Arguments.
show(() => new assert.AssertionError(null));
show(() => new assert.AssertionError('text'));
show(() => assert.throws('not a function'));
show(() => assert.doesNotThrow(1));
show(() => assert.throws(() => {}, 'message', 'message again'));
show(() => assert.throws(() => { throw new Error(); }, 1));
show(() => assert.throws(() => { throw new Error(); }, {}));
show(() => assert.throws(() => { throw new TypeError('same'); }, 'same'));
show(() => assert.throws(() => { throw 'same'; }, 'same'));
show(() => assert.strictEqual(new Error('foo'), new Error('bar')));
// Inspecting the error shortens long strings in `actual`/`expected`.
try { assert.strictEqual('x'.repeat(600), 'y'); } catch (e) {
  console.log(require('util').inspect(e).includes(`actual: '${'x'.repeat(88)}...'`));
}
try { assert.strictEqual('line\n'.repeat(12), ''); } catch (e) {
  const shown = require('util').inspect(e).replace(/' \+\n\s*'/g, '');
  console.log(/actual: '(line\\n){10}\.\.\.'/.test(shown));
}
// Two arguments are required; match() names a non-string; class checks say what was thrown.
show(() => assert.strictEqual(1));
show(() => assert.match(1, /x/));
show(() => assert.match('abc', 'b'));
show(() => assert.throws(() => { throw [1, 2]; }, RangeError));
show(() => assert.throws(() => { throw require('vm').runInNewContext('new RangeError("other realm")'); }, RangeError));
show(() => assert.throws(() => { const e = new TypeError('Wrong'); e.code = 404; throw e; }, { code: '404', name: 'TypeError', extra: undefined }));
show(() => assert.throws(() => { throw new TypeError('foobar'); }, { message: /fooa/, name: /^TypeError$/ }));
show(() => assert.strictEqual((function () { return arguments; })('a'), { 0: 'a' }));
