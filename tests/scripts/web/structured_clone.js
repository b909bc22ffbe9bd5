// structuredClone: supported types, identity, cycles, views, transfer, errors.
const same = (a, b) => Object.is(a, b);
for (const v of [1, -0, NaN, 'str', true, null, undefined, 10n]) {
  print(typeof structuredClone(v), same(structuredClone(v), v));
}
const wrappers = structuredClone([Object(1), Object('s'), Object(false), Object(2n)]);
print(wrappers.map((w) => typeof w + ':' + w.valueOf()).join(' '));

const date = new Date(Date.UTC(2024, 1, 29, 12));
const dateCopy = structuredClone(date);
print(dateCopy instanceof Date, dateCopy !== date, dateCopy.toISOString());
const re = /ab+c/gimsuy;
re.lastIndex = 3;
const reCopy = structuredClone(re);
print(reCopy instanceof RegExp, reCopy.source, reCopy.flags, reCopy.lastIndex);

const map = new Map([[{ k: 1 }, new Set([1, 'two'])], ['plain', [1, 2]]]);
const mapCopy = structuredClone(map);
const [firstKey, firstValue] = [...mapCopy][0];
print(mapCopy instanceof Map, mapCopy.size, JSON.stringify(firstKey), firstValue instanceof Set, JSON.stringify([...firstValue]), JSON.stringify(mapCopy.get('plain')));

// Shared references and cycles are preserved.
const shared = { name: 'shared' };
const graph = { a: shared, b: shared, list: [shared] };
graph.self = graph;
graph.list.push(graph.list);
const g = structuredClone(graph);
print(g !== graph, g.a === g.b, g.list[0] === g.a, g.self === g, g.list[1] === g.list, g.a !== shared);
const cyclicMap = new Map();
cyclicMap.set('me', cyclicMap);
const cm = structuredClone(cyclicMap);
print(cm.get('me') === cm);

// Arrays keep holes, length and extra properties; prototypes and non-enumerables are dropped.
const sparse = [1, , 3];
sparse.length = 5;
sparse.extra = 'x';
const sc = structuredClone(sparse);
print(sc.length, 1 in sc, sc[2], sc.extra, Array.isArray(sc));
class Point { constructor() { this.x = 1; } get y() { return 2; } }
const pc = structuredClone(new Point());
print(pc instanceof Point, Object.getPrototypeOf(pc) === Object.prototype, JSON.stringify(pc));
const withGetter = { get computed() { return 'ran getter'; } };
Object.defineProperty(withGetter, 'hidden', { value: 1, enumerable: false });
print(JSON.stringify(structuredClone(withGetter)), JSON.stringify(structuredClone({ [Symbol('s')]: 1, ok: 2 })));

// Binary data: buffers are copied, views keep their kind, offset and length.
const buffer = new ArrayBuffer(8);
new Uint8Array(buffer).set([1, 2, 3, 4, 5, 6, 7, 8]);
const bufferCopy = structuredClone(buffer);
new Uint8Array(buffer)[0] = 99;
print(bufferCopy.byteLength, new Uint8Array(bufferCopy)[0]);
const view = new Uint16Array(buffer, 2, 2);
const viewCopy = structuredClone(view);
print(viewCopy.constructor.name, viewCopy.byteOffset, viewCopy.length, viewCopy.buffer.byteLength, viewCopy.join() === view.join());
const dv = structuredClone(new DataView(buffer, 1, 3));
print(dv.constructor.name, dv.byteOffset, dv.byteLength, dv.getUint8(0));
const twoViews = structuredClone([new Uint8Array(buffer, 0, 2), new Int32Array(buffer, 4, 1)]);
print(twoViews[0].buffer === twoViews[1].buffer, twoViews[1].constructor.name);
const kinds = [Int8Array, Uint8ClampedArray, Int16Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
print(kinds.map((K) => structuredClone(new K(2)).constructor === K).join());

// Transfer: the clone gets the bytes, the original is detached.
const moving = new Uint8Array([9, 8, 7]).buffer;
const moved = structuredClone({ data: new Uint8Array(moving, 1) }, { transfer: [moving] });
print(moving.byteLength, moved.data.buffer.byteLength, moved.data.join());
try { structuredClone(1, { transfer: [moving] }); } catch (e) { print(e.name, e.message); }
const twice = new ArrayBuffer(1);
try { structuredClone(1, { transfer: [twice, twice] }); } catch (e) { print(e.name); }
print(twice.byteLength); // nothing detached when the clone fails

// Errors.
const err = new TypeError('bad thing');
const errCopy = structuredClone(err);
print(errCopy instanceof TypeError, errCopy.name, errCopy.message, errCopy !== err);
const custom = new Error('custom');
custom.name = 'MyError';
print(structuredClone(custom).name, structuredClone(new RangeError('r')).constructor.name);
const domCopy = structuredClone(new DOMException('gone', 'AbortError'));
print(domCopy instanceof DOMException, domCopy.name, domCopy.message, domCopy.code);

// Things that cannot be cloned throw a DataCloneError DOMException.
const refusals = [() => 1, Symbol('s'), { f() {} }, Promise.resolve(), new WeakMap(), new URL('http://h.test'), new Proxy({}, {})];
for (const value of refusals) {
  try {
    structuredClone(value);
    print('cloned?!');
  } catch (e) {
    print(e.name, e instanceof DOMException, e.message);
  }
}
try { structuredClone(); } catch (e) { print(e.name); }

// Deep nesting does not exhaust the native stack.
let deep = {};
const root = deep;
for (let i = 0; i < 50000; i++) deep = deep.next = {};
let depth = 0;
for (let node = structuredClone(root); node.next; node = node.next) depth++;
print('depth', depth);
