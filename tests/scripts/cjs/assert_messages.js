// assert's failure messages as Node words them: line diffs for strictEqual/deepStrictEqual (runs
// of identical lines collapsed, a caret for two short lines), the other operators, ifError.
const assert = require('assert');
const show = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(JSON.stringify(e.message)); } };
show(() => assert.strictEqual(1, 2));
show(() => assert.strictEqual('hello world', 'hello there'));
show(() => assert.strictEqual({ a: 1 }, { a: 1 }));
show(() => assert.deepStrictEqual({ a: 1, b: [1, 2, 3] }, { a: 1, b: [1, 2, 4] }));
show(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
show(() => assert.deepStrictEqual(new Date(0), {}));
show(() => assert.deepStrictEqual({ a: Symbol.for('x') }, { a: Symbol.for('y') }));
show(() => assert.notStrictEqual(5, 5));
show(() => assert.notStrictEqual({ x: 1 }, { x: 1 }) );
show(() => { const o = { x: 1 }; assert.notStrictEqual(o, o); });
show(() => assert.notDeepStrictEqual({ a: 1, b: 2 }, { a: 1, b: 2 }));
show(() => assert.deepEqual({ a: 1 }, { a: 2 }));
show(() => assert.notDeepEqual({ a: 1 }, { a: 1 }));
show(() => assert.equal(1, 2));
show(() => assert.strictEqual('a\nb\nc\nline four is long enough', 'a\nb\nX\nline four is long enough'));
show(() => assert.deepStrictEqual({ k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9 }, { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 0 }));
show(() => assert.deepStrictEqual({ k1: 0, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9 }, { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9 }));
show(() => assert.deepStrictEqual([1, 2], [1, 2, 3, 4]));
show(() => assert.ifError(new TypeError('bad')));
show(() => assert.ifError('str'));
// A custom message keeps the diff of strictEqual/deepStrictEqual; throws/rejects name it.
show(() => assert.strictEqual(1, 2, 'oh no'));
show(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'custom'));
show(() => assert.equal(1, 2, 'plain'));
show(() => assert.throws(() => {}, 'why'));
show(() => assert.throws(() => {}, TypeError, 'why'));
show(() => assert.throws(() => {}, TypeError));
// Subclasses and Buffers as the diff shows them (no custom inspection there).
class MyDate extends Date {}
show(() => assert.deepStrictEqual(new Date(0), new MyDate(0)));
show(() => assert.deepStrictEqual(new Uint8Array([1, 2]), Buffer.from([1, 2])));
assert.rejects(Promise.resolve(1), 'late').catch((err) => console.log(JSON.stringify(err.message)));
// throws with a validation function (run once) or a RegExp that rejects the error.
let validations = 0;
show(() => assert.throws(() => { throw new Error('foobar'); }, function validate() { validations++; return 'baz'; }));
console.log('validation runs:', validations);
show(() => assert.throws(() => { throw new Error('abc'); }, /xyz/));
// A message given to throws/rejects replaces the composed one (generatedMessage false).
const generated = (err) => console.log(JSON.stringify(err.message), err.generatedMessage, err.operator);
try { assert.throws(() => { throw 5; }, { code: 'X' }, 'mine'); } catch (err) { generated(err); }
try { assert.throws(() => { throw new Error('e'); }, { code: 'X' }, 'mine too'); } catch (err) { generated(err); }
try { assert.throws(() => { throw new Error('e'); }, RangeError, 'not a range'); } catch (err) { generated(err); }
try { assert.throws(() => { throw new Error('e'); }, () => false, 'validator'); } catch (err) { generated(err); }
assert.rejects(Promise.reject(null), { code: 'FOO' }).catch(generated)
  .then(() => assert.rejects(Promise.reject(5), { code: 'FOO' }, 'AAAAA')).catch(generated);
