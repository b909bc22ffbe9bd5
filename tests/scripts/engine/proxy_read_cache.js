// A property read on a proxy always reaches its handler, even at a place in the code that has
// already read the same property from plain objects (Boa 0.22's inline caches matched proxies
// to the shape of `{}` and skipped the trap).
function constructorOf(value) { return value.constructor; }
function nameOfConstructor(value) { const c = value.constructor; return c && c.name; }
function readX(value) { return value.x; }
function writeX(value, x) { value.x = x; }

const trapped = new Proxy({}, { get: (target, key) => `trap:${String(key)}` });
console.log(constructorOf(trapped));
constructorOf({});
constructorOf([]);
console.log(constructorOf(trapped));

console.log(nameOfConstructor({}), nameOfConstructor([]));
const forward = { get: (target, key, receiver) => Reflect.get(target, key, receiver) };
console.log(nameOfConstructor(new Proxy({}, forward)), nameOfConstructor(new Proxy([], forward)));
console.log(nameOfConstructor(new Proxy([], {})), nameOfConstructor(new Proxy(new Map(), {})));

readX({ x: 1 });
readX({ x: 2 });
console.log(readX(new Proxy({ x: 3 }, {})), readX(new Proxy({}, { get: () => 'trap' })));

const writes = [];
const logged = new Proxy({}, { set(target, key, value) { writes.push(`${String(key)}=${value}`); return true; } });
writeX({}, 1);
writeX({ x: 0 }, 2);
writeX(logged, 3);
writeX(logged, 4);
console.log(writes.join(' '), Object.keys(logged).length);

const { proxy, revoke } = Proxy.revocable({}, { get: () => 'revocable trap' });
constructorOf({});
console.log(constructorOf(proxy));
revoke();
try { constructorOf(proxy); } catch (error) { console.log(error.constructor.name); }

// What the proxy reports as its prototype still comes from its target or handler.
console.log(Object.getPrototypeOf(new Proxy([], {})) === Array.prototype, new Proxy([], {}) instanceof Array);
console.log(Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: () => Date.prototype })) === Date.prototype);
