// Array and TypedArray sorting with comparators of every kind: an inconsistent comparator must
// give some permutation (never a crash), a consistent one a stable sort.

function isPermutationOf(sorted, original) {
  return sorted.length === original.length &&
    [...sorted].sort((a, b) => a - b).join() === [...original].sort((a, b) => a - b).join();
}

// The two lines from the issue: random answers.
const keys = [...Array(100).keys()];
const shuffled = keys.slice().sort(() => Math.random() - 0.5);
print('random comparator:', isPermutationOf(shuffled, keys));
print('random toSorted:', isPermutationOf(keys.toSorted(() => Math.random() - 0.5), keys));

// A comparator like typed-function's (mathjs): not transitive.
const types = ['number', 'string', 'boolean', 'Object', 'Array', 'Matrix', 'any', 'null', 'undefined'];
const sig = [];
for (let i = 0; i < 300; i++) sig.push(types[i % types.length] + (i % 7));
sig.sort((a, b) => (a.length % 3) - (b.charCodeAt(0) % 5));
print('non-transitive comparator:', sig.length);

// Comparators that lie in other ways.
print('always -1:', isPermutationOf([3, 1, 2, 5, 4].sort(() => -1), [1, 2, 3, 4, 5]));
print('NaN:', isPermutationOf([3, 1, 2].sort(() => NaN), [1, 2, 3]));
print('boolean a > b:', [5, 3, 9, 1, 7].sort((a, b) => a > b).join());
print('objects as results:', [2, 3, 1].sort((a, b) => ({ valueOf() { return a - b; } })).join());

// Stability and the spec's order: undefined last, holes removed to the end.
const people = [['b', 1], ['a', 2], ['b', 0], ['a', 1], ['c', 0], ['a', 0]];
print('stable:', people.sort((x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0).map(p => p.join('')).join(' '));
const sparse = [3, undefined, , 1, , 2];
sparse.sort();
print('holes:', sparse.length, JSON.stringify(sparse), 4 in sparse, 3 in sparse);
print('default order:', [10, 9, 1, 100, 'b', 'a', true, null].sort().join());
print('array-like:', JSON.stringify(Array.prototype.sort.call({ length: 3, 0: 'c', 2: 'a' })));

// A comparator that throws stops the sort and leaves the array unchanged.
const kept = [3, 2, 1];
try { kept.sort(() => { throw new Error('stop'); }); } catch (e) { print('thrown:', e.message, kept.join()); }
try { [1, 2].sort('not a function'); } catch (e) { print(e.name); }
try { [Symbol(), Symbol()].sort(); } catch (e) { print('symbols:', e.name); }

// A comparator that changes the array while it is being sorted.
const moving = [5, 4, 3, 2, 1];
moving.sort((a, b) => { moving.push(0); moving.length = 5; return a - b; });
print('mutating comparator:', moving.length);

// Typed arrays: numeric by default (-0 before +0, NaN last), any comparator tolerated.
print('typed default:', Array.from(new Float64Array([3, NaN, -0, 0, -Infinity, 1]).sort(), x => Object.is(x, -0) ? '-0' : String(x)).join());
print('bigint:', new BigInt64Array([3n, -1n, 2n]).sort().join());
const bytes = Uint8Array.from(keys);
print('typed random:', isPermutationOf(Array.from(bytes.sort(() => Math.random() - 0.5)), keys));
print('typed toSorted:', new Int16Array([3, -2, 1]).toSorted((a, b) => b - a).join(), new Int16Array([3, -2, 1]).toSorted().constructor.name);
const growable = new ArrayBuffer(4, { maxByteLength: 8 });
const view = new Uint8Array(growable);
view.set([4, 3, 2, 1]);
view.sort((a, b) => { growable.resize(2); return a - b; });
print('shrunk during sort:', view.length, view.join());
try { new Uint8Array(new ArrayBuffer(2, { maxByteLength: 4 }), 0, 2).sort.call({}); } catch (e) { print(e.name); }

// Properties of the replaced functions.
print(Array.prototype.sort.name, Array.prototype.sort.length, Array.prototype.toSorted.name,
  Object.getPrototypeOf(Int8Array.prototype).sort.name, 'prototype' in Array.prototype.sort);
try { new Array.prototype.sort(); } catch (e) { print('not a constructor:', e.name); }
