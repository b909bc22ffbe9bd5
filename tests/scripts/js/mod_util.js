// util: format/inspect, promisify/callbackify, inherits, types, isDeepStrictEqual (js/util.js).
import util, { promisify, callbackify, inherits, format, inspect, isDeepStrictEqual, types } from 'util';
import * as utilTypes from 'util/types';

print(format('%s is %d years and %i, %f', 'Bob', 42.5, 42.9, '1.5'), format('%j %%', { a: 1 }), format('a', 'b', 1, { c: 2 }));
print(format('%s', { a: { b: { c: 1 } } }), format('%s %s', 'only'), format(1, 'x'), format('%d', '0x10'));
print(inspect('str'), inspect([1, 'a', null, undefined]), inspect({ a: 1, 'b-c': [2], d: { e: { f: { g: 1 } } } }));
print(inspect(new Map([['k', 1]])), inspect(new Set([1, 2])), inspect([]), inspect({}), inspect(Object.create(null)));
print(inspect(function foo() {}), inspect(() => {}), inspect(class A {}), inspect(Symbol('s')), inspect(10n), inspect(-0));
print(inspect(new Uint8Array([1, 2])), inspect(Buffer.from('hi')), inspect([, 1]), inspect(new Date(0)), inspect(/x/g));
const circ = { name: 'c' }; circ.self = circ;
print(inspect(circ), inspect({ s: "it's" }), inspect(['a\nb']));
print(inspect({ long1: 'aaaaaaaaaaaaaaaaaaaa', long2: 'bbbbbbbbbbbbbbbbbbbb', long3: 'cccccccccccccccccccc', x: 1 }));
class Point { constructor() { this.x = 1; } }
print(inspect(new Point()), inspect({ [Symbol('k')]: 1 }), inspect(new Error('bad')).split('\n')[0]);
print(inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), inspect({ get g() { return 1; } }));

const sleepy = (ms, v, cb) => setTimeout(() => cb(null, v), ms);
const failing = (cb) => cb(new Error('nope'));
print('promisified:', await promisify(sleepy)(1, 'done'));
try { await promisify(failing)(); } catch (e) { print('promisify rejects:', e.message); }
function custom() {}
custom[promisify.custom] = () => Promise.resolve('custom');
print('custom:', await promisify(custom)(), promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
await new Promise((resolve) => callbackify(async (x) => x * 2)(21, (err, v) => { print('callbackify:', err, v); resolve(); }));
await new Promise((resolve) => callbackify(async () => { throw new Error('cb-err'); })((err) => { print('callbackify err:', err.message); resolve(); }));

function Animal() {} Animal.prototype.speak = function () { return 'generic'; };
function Dog() { Animal.call(this); }
inherits(Dog, Animal);
print('inherits:', new Dog().speak(), Dog.super_ === Animal, new Dog() instanceof Animal);

print('types:', types.isPromise(Promise.resolve()), types.isDate(new Date()), types.isUint8Array(Buffer.alloc(1)), types.isTypedArray([]),
  utilTypes.isArrayBuffer(new ArrayBuffer(1)), utilTypes.isAsyncFunction(async () => {}), utilTypes.isRegExp(/a/), utilTypes.isMap(new Map()));
print('deep:', isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), isDeepStrictEqual({ a: 1 }, { a: '1' }),
  isDeepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])), isDeepStrictEqual(new Set([1]), new Set([2])),
  isDeepStrictEqual(NaN, NaN), isDeepStrictEqual([1, 2], [1, 2, 3]), isDeepStrictEqual(Buffer.from('a'), Buffer.from('a')));
print('encoders:', util.TextEncoder === TextEncoder, util.TextDecoder === TextDecoder, typeof util.deprecate(() => 1, 'msg'));
