// util: numericSeparator in format and inspect, deep equality of boxed primitives by their
// internal slot (not their toStringTag), symbol keys on typed arrays, util.log through stdout.
const util = require('util');

console.log(util.formatWithOptions({ numericSeparator: true }, '%d %i %f %s', 1234567, 7654321.5, 1234.5678, -1000000));
console.log(util.formatWithOptions({ numericSeparator: true }, '%d', 123456789012345678901234567890n));
console.log(util.inspect([1000, -12345.6789, 1e21, NaN, 999, 10n ** 6n], { numericSeparator: true }));
console.log(util.format('%s %d', -0, -0));

const booleanish = new Boolean(true);
Object.defineProperty(booleanish, Symbol.toStringTag, { value: 'String' });
Object.setPrototypeOf(booleanish, String.prototype);
console.log(util.isDeepStrictEqual(booleanish, new String('true')), util.types.isStringObject(booleanish));
console.log(util.types.isBooleanObject(booleanish), util.types.isBoxedPrimitive(booleanish));
console.log(util.isDeepStrictEqual(Object(1n), Object(1n)), util.isDeepStrictEqual(new Number(1), new Number(2)));

const mark = Symbol('mark');
const a = new Uint8Array(2);
const b = new Uint8Array(2);
a[mark] = true;
b[mark] = false;
console.log(util.isDeepStrictEqual(a, b));
b[mark] = true;
console.log(util.isDeepStrictEqual(a, b));

const written = [];
const write = process.stdout.write;
process.stdout.write = (chunk) => { written.push(String(chunk)); return true; };
util.log('value', { n: 1 });
process.stdout.write = write;
console.log(written.length, /^\d{1,2} [A-Z][a-z]{2} \d\d:\d\d:\d\d - value { n: 1 }\n$/.test(written[0]));

// %s prints an object through a toString of its own (own, or from a class of the program's).
class Named { toString() { return 'Named!'; } }
globalThis.Named = Named;
console.log(util.format('%s|%s|%s|%s', { toString() { return 'own'; } }, new Named(), { toString: 5 }, [1, 2]));
const qs = require('querystring');
console.log(qs.stringify({ a: 1, b: [2, 3] }, null, null), JSON.stringify(qs.parse('a=1;b=2', ';', null)));
