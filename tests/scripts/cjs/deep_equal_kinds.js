// Deep equality looks at what objects are, not at what they claim: internal slots decide Date,
// RegExp, error, boxed primitive, Map/Set and typed-array kinds (a faked Symbol.toStringTag or
// prototype does not make a match), a Date's own `getTime` is ignored, array lengths count (holes
// at the end too), errors compare their `cause` and `errors`, and in loose mode a primitive Set
// element pairs with one the other Set does not already hold.
const assert = require('assert');
const util = require('util');
const t = (label, a, b) => {
  const loose = (x, y) => { try { assert.deepEqual(x, y); return true; } catch { return false; } };
  console.log(label, loose(a, b), loose(b, a), util.isDeepStrictEqual(a, b), util.isDeepStrictEqual(b, a));
};
t('holes', [1, , , 3], [1, , , 3, , , ]);
t('same holes', [1, , , 3], [1, , , 3]);
t('set loose', new Set([3, '3']), new Set([3, 4]));
t('set loose ok', new Set([3, '4']), new Set([3, 4]));
const fakeSymbol = {};
Object.setPrototypeOf(fakeSymbol, Symbol.prototype);
Object.defineProperty(fakeSymbol, Symbol.toStringTag, { value: 'Symbol' });
t('boxed fake', Object(Symbol.iterator), fakeSymbol);
t('boxed kinds', new Boolean(true), new Number(1));
const date = new Date('2000');
Object.defineProperty(date, 'getTime', { value: () => 5 });
t('getTime', date, new Date('2000'));
const fakeDate = Object.create(Date.prototype);
Object.defineProperty(fakeDate, Symbol.toStringTag, { value: 'Date' });
t('fake date', new Date(0), fakeDate);
const i8 = new Int8Array(4);
Object.setPrototypeOf(i8, Uint8Array.prototype);
t('typed kind', new Uint8Array(4), i8);
const nullError = new RangeError('x');
Object.setPrototypeOf(nullError, null);
const tagged = { __proto__: null, [Symbol.toStringTag]: 'Error' };
t('error brand', tagged, nullError);
t('cause', new Error('e', { cause: 1 }), new Error('e', { cause: 2 }));
t('cause missing', new Error('e', { cause: 1 }), new Error('e'));
t('cause same', new Error('e', { cause: new Error('c') }), new Error('e', { cause: new Error('c') }));
t('aggregate', new AggregateError([new Error('a')], 'm'), new AggregateError([new Error('b')], 'm'));
t('aggregate same', new AggregateError([new Error('a')], 'm'), new AggregateError([new Error('a')], 'm'));
const vm = require('vm');
console.log('vm error', util.types.isNativeError(vm.runInNewContext('new TypeError("x")')));
try { assert.ok(false, vm.runInNewContext('new SyntaxError("from a context")')); } catch (e) { console.log(e.name, e.message); }
t('set null/undefined', new Set([null, '', 1n, 5, 2n, false]), new Set([undefined, 0, 5n, true, '2', '-000']));
t('set pairs once', new Set([1, true, false]), new Set(['1', 0, '0']));
t('map loose keys', new Map([[1, 'a'], ['1', 'b']]), new Map([['1', 'a'], [true, 'b']]));
t('map null key', new Map([[undefined, null], ['+000', 2n]]), new Map([[null, undefined], [false, '2']]));
const odd = new String('1');
odd.valueOf = undefined;
t('valueOf gone', odd, new String('1'));
console.log(util.inspect(odd), util.inspect((function () { return arguments; })(1)));
