// Prototype chains made at run time: Boa follows a chain by native recursion, so a chain of
// 100,000 objects used to end the process at the first lookup that missed. The built-ins that
// give an existing object a prototype now refuse a chain longer than 10,000 objects with a
// catchable RangeError; everything shorter behaves as the spec says.

function attempt(label, f) {
  try { print(label + ':', f()); } catch (e) { print(label + ':', e.name + ':', e.message); }
}

// A chain of 9,999 objects ({} and Object.prototype count), built by `new F()` (which the
// guard cannot see, and which costs nothing per level) so that the test stays quick.
function F() {}
let deep = {};
for (let i = 0; i < 9997; i++) { F.prototype = deep; deep = new F(); }
attempt('one more level', () => { deep = Object.create(deep); return 'made'; });
attempt('and another', () => Object.create(deep));
attempt('lookups along the longest chain', () => [deep.missing, 'missing' in deep, deep.hasOwnProperty('x'), String(deep)].join(' '));
attempt('setting along the longest chain', () => { deep.own = 1; return deep.own; });

// The other three ways, each one level past the end of that chain.
attempt('Object.setPrototypeOf', () => Object.setPrototypeOf({}, deep));
attempt('Reflect.setPrototypeOf', () => Reflect.setPrototypeOf({}, deep));
attempt('__proto__ setter', () => { const o = {}; o.__proto__ = deep; return 'set'; });
attempt('Object.create with properties', () => Object.create(deep, { a: { value: 1 } }));

// Ordinary uses are unchanged.
const base = { greet() { return 'hi ' + this.name; } };
attempt('create', () => Object.create(base, { name: { value: 'ada', enumerable: true } }).greet());
attempt('create(null)', () => Object.getPrototypeOf(Object.create(null)));
attempt('create(1)', () => Object.create(1));
attempt('setPrototypeOf', () => { const o = Object.setPrototypeOf({ name: 'bo' }, base); return o.greet(); });
attempt('setPrototypeOf of a primitive', () => Object.setPrototypeOf(5, null));
attempt('setPrototypeOf cycle', () => { const a = {}; const b = Object.create(a); return Object.setPrototypeOf(a, b); });
attempt('Reflect.setPrototypeOf cycle', () => { const a = {}; const b = Object.create(a); return Reflect.setPrototypeOf(a, b); });
attempt('Reflect.setPrototypeOf frozen', () => Reflect.setPrototypeOf(Object.freeze({}), base));
attempt('__proto__ setter', () => { const o = { name: 'cy' }; o.__proto__ = base; return o.greet(); });
attempt('__proto__ to a primitive is ignored', () => { const o = {}; o.__proto__ = 7; return Object.getPrototypeOf(o) === Object.prototype; });
attempt('__proto__ in a literal', () => ({ __proto__: base, name: 'di' }).greet());
const accessor = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__');
attempt('shapes', () => [Object.create.name, Object.create.length, Object.setPrototypeOf.name, Object.setPrototypeOf.length,
  Reflect.setPrototypeOf.name, Reflect.setPrototypeOf.length, accessor.set.name, accessor.set.length, accessor.get.name,
  accessor.enumerable, accessor.configurable, 'prototype' in Object.create].join(' '));
