// assert.fail's forms (none, a message, an error, the deprecated actual/expected form) and
// doesNotThrow/doesNotReject/rejects with Node's messages and pass-through of other errors.
import assert from 'node:assert';

const show = (label, fn) => {
  try {
    fn();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.name, e.code, JSON.stringify(e.message), e.operator, e.generatedMessage);
  }
};
const showAsync = async (label, promise) => {
  try {
    await promise;
    console.log(label, 'resolved');
  } catch (e) {
    console.log(label, e.name, e.code, JSON.stringify(e.message), e.operator);
  }
};

show('fail()', () => assert.fail());
show('fail(message)', () => assert.fail('custom'));
show('fail(error)', () => assert.fail(new TypeError('own')));
show('fail(a, b)', () => assert.fail('first', 'second'));
show('fail(a, b, message)', () => assert.fail(1, 2, 'with message'));
show('fail(a, b, undefined, op)', () => assert.fail('a', 'b', undefined, '>>'));

show('doesNotThrow', () => assert.doesNotThrow(() => { throw new Error('boom'); }));
show('doesNotThrow message', () => assert.doesNotThrow(() => { throw new Error('boom'); }, 'note'));
show('doesNotThrow other class', () => assert.doesNotThrow(() => { throw new TypeError('passes'); }, RangeError));
show('doesNotThrow matching class', () => assert.doesNotThrow(() => { throw new TypeError('caught'); }, TypeError));
show('doesNotThrow object', () => assert.doesNotThrow(() => { throw new Error('x'); }, { message: 'x' }));

await showAsync('doesNotReject', assert.doesNotReject(async () => assert.fail()));
await showAsync('doesNotReject validator', assert.doesNotReject(Promise.reject(new Error('v')), () => false));
await showAsync('doesNotReject 123', assert.doesNotReject(123));
await showAsync('rejects non-promise return', assert.rejects(() => 5));
await showAsync('rejects ok', assert.rejects(Promise.reject(new Error('r')), /r/));
