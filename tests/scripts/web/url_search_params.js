// URLSearchParams: constructors, methods, serialisation, iteration.
const list = (p) => JSON.stringify([...p]);

// Constructors.
print(list(new URLSearchParams()), list(new URLSearchParams('')), list(new URLSearchParams('?')));
print(list(new URLSearchParams('?a=1&b=2&a=3')), list(new URLSearchParams('??a=1')));
print(list(new URLSearchParams('a=b=c&=x&y=&z&&+sp+ace+=%41%zz%E2%82%AC%FF')));
print(list(new URLSearchParams([['x', '1'], ['y', 2], new Set(['z', 'w'])])));
print(list(new URLSearchParams({ b: 'B', a: 1, 10: 'ten', [Symbol('s')]: 'skip', u: undefined })));
const withProto = Object.create({ inherited: 1 }, { own: { value: 'v', enumerable: true }, hidden: { value: 'h' } });
print(list(new URLSearchParams(withProto)));
print(list(new URLSearchParams(new Map([['m', 'M']]))));
const original = new URLSearchParams('k=v');
const copy = new URLSearchParams(original);
copy.append('k2', 'v2');
print(original.toString(), copy.toString());
print(list(new URLSearchParams(42)), list(new URLSearchParams(null)), list(new URLSearchParams(undefined)));
for (const bad of [[['only-one']], [['a', 'b', 'c']], [1], { [Symbol.iterator]: 5 }]) {
  try { new URLSearchParams(bad); print('accepted?!'); } catch (e) { print(e.name, e.message); }
}
try { URLSearchParams(); } catch (e) { print(e.name); }

// Reading and writing.
const p = new URLSearchParams('a=1&b=2&a=3&c=4');
print(p.get('a'), p.get('zz'), JSON.stringify(p.getAll('a')), JSON.stringify(p.getAll('zz')), p.size);
print(p.has('b'), p.has('zz'), p.has('a', '3'), p.has('a', '9'), p.has('a', undefined));
p.append('b', 'x y');
p.set('a', 'one'); // replaces the first, drops the others
print(p.toString());
p.set('new', 'n');
p.delete('b', '2'); // only that pair
print(p.toString());
p.delete('b');
print(p.toString(), p.size);
try { p.append('only-name'); } catch (e) { print(e.name, e.message); }
try { p.get(); } catch (e) { print(e.name, e.message); }
p.append(1, null);
print(p.get('1'), typeof p.get('1'));

// Serialisation: the application/x-www-form-urlencoded byte set.
const enc = new URLSearchParams();
enc.append('a b&c=d', "*-._~!'()+/?#%");
enc.append('€ \u{1F600}', '\ud800'); // a lone surrogate becomes U+FFFD
print(enc.toString());
print(String(enc) === enc.toString(), `${new URLSearchParams({ q: 'x' })}`);

// sort(): stable, by UTF-16 code units.
const sorted = new URLSearchParams('z=1&a=2&\u{FFFD}=3&\u{1F600}=4&a=5&A=6&=7');
sorted.sort();
print(list(sorted));

// Iteration: keys/values/entries/@@iterator are live iterator objects.
const it = new URLSearchParams('x=1&y=2');
const entries = it.entries();
print(Object.prototype.toString.call(entries), entries[Symbol.iterator]() === entries, typeof entries.next);
print(JSON.stringify(entries.next()), JSON.stringify([...entries]), JSON.stringify(entries.next()));
print(JSON.stringify([...it.keys()]), JSON.stringify([...it.values()]), URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries);
const live = it.keys();
live.next();
it.append('z', '3'); // appended while iterating: still seen
print(JSON.stringify([...live]));
print(Object.getPrototypeOf(Object.getPrototypeOf(it.keys())) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
print(JSON.stringify(it.values().map((v) => v * 10).toArray())); // iterator helpers via %IteratorPrototype%

// forEach(value, key, params), thisArg, and changes during the walk.
const fe = new URLSearchParams('a=1&b=2');
fe.forEach(function (value, key, params) {
  print(key, value, params === fe, this.tag);
  if (key === 'a') params.append('c', '3');
}, { tag: 'T' });
try { fe.forEach(5); } catch (e) { print(e.name); }

// Brand checks and the size getter.
print(Object.prototype.toString.call(fe), fe.size, Object.getOwnPropertyDescriptor(URLSearchParams.prototype, 'size').set);
try { URLSearchParams.prototype.get.call({}, 'a'); } catch (e) { print(e.name, e.message); }
