// compat-spec §2.1: ToString of each argument, one space between, one newline.
print();
print(undefined, null, true, false);
print(0.1 + 0.2, -0, 1e21, 42, NaN, -Infinity);
print(10n, 'raw text', "");
print({}, { toString() { return 'custom'; } }, { [Symbol.toStringTag]: 'Tagged' });
print([1, [2, 3], null, undefined], []);
print(new ArrayBuffer(4), new Uint8Array([104, 105]));
print(new Error('boom'), new TypeError('bad type'));
print(function f() {}.name, Symbol('s').description);
print('%d %s', 5);
console.log('log', 1);
console.info('info', 2);
console.debug('debug', 3);
try {
    print('before', Symbol('x'));
} catch (e) {
    print('symbol throws', e instanceof TypeError);
}
try {
    print(Object.create(null));
} catch (e) {
    print('null-proto throws', e instanceof TypeError);
}
