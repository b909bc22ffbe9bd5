// A Node program (.mjs) gets Node's console formatting: util.format's specifiers and
// util.inspect for objects. Scripts keep the QuickJS runtime's ToString (core/console tests).
console.log({ a: 1, list: [1, 2, { deep: 'x' }] }, [1, 'two'], new Map([[1, 2]]), 'text', 42, null, undefined);
console.log('%s is %d years (%i), %j, %%, %c.', 'Ada', 36.5, 36.5, { json: true }, 'color: red');
console.log('100%%');
console.log('extra', 'args', { after: 'the format' });
console.info(Symbol('s'), 10n, -0, [undefined, null], function named() {}, class Klass {});
console.error('to stderr', { code: 7 });
console.warn(new Set([1, 2]), Buffer.from('hi'), new Date(0));
const cyclic = { name: 'loop' };
cyclic.self = cyclic;
console.log(cyclic);
console.assert(false, 'failed %s', 'here', { detail: 1 });
console.assert(0, { first: 'object' }, 2);
console.group('group');
console.log({ indented: true });
console.groupEnd();
print({ print: 'stays ToString' });
