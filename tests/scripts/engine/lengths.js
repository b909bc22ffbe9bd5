// Calls, bindings and paddings sized by the script: each used to end the process (a failed
// allocation, or memory growing with the square of a chain); now a catchable RangeError, and the
// ordinary cases behave as the spec says.

function attempt(label, f) {
  try { print(label + ':', f()); } catch (e) { print(label + ':', e.name + ':', e.message); }
}
function sum(...xs) { return xs.reduce((a, b) => a + b, 0); }
class Point { constructor(x, y) { this.x = x; this.y = y; } }

// Arguments spread from array-likes.
attempt('huge apply', () => sum.apply(null, { length: 2 ** 32 - 1 }));
attempt('huge Reflect.apply', () => Reflect.apply(sum, null, { length: 2 ** 32 - 1 }));
attempt('huge Reflect.construct', () => Reflect.construct(Point, { length: 2 ** 32 - 1 }));
attempt('apply', () => sum.apply(null, [1, 2, 3]) + Math.max.apply(Math, { length: 2, 0: 4, 1: 7 }));
attempt('apply without a list', () => sum.apply(null, null) + sum.apply());
attempt('apply of 100000 arguments', () => sum.apply(null, new Array(100000).fill(1)));
attempt('apply on a non-function', () => Function.prototype.apply.call({}, null, []));
attempt('apply of a non-object', () => sum.apply(null, 3));
attempt('Reflect.apply', () => Reflect.apply(function () { return this.k + arguments.length; }, { k: 10 }, [1, 2]));
attempt('Reflect.construct', () => { const p = Reflect.construct(Point, [1, 2]); return p instanceof Point && p.x + p.y; });
attempt('Reflect.construct newTarget', () => {
  class Other {}
  const p = Reflect.construct(Point, [3, 4], Other);
  return Object.getPrototypeOf(p) === Other.prototype && p.x;
});
attempt('Reflect.construct of an arrow', () => Reflect.construct(() => {}, []));
attempt('lengths', () => [Function.prototype.apply.length, Reflect.apply.length, Reflect.construct.length,
  Function.prototype.bind.length, Function.prototype.apply.name, Function.prototype.bind.name].join(' '));

// Chains of bound functions.
attempt('bind chain', () => { let f = function () { return 1; }; for (let i = 0; i < 100000; i++) f = f.bind(null); return f(); });
attempt('short bind chain', () => { let f = function (a, b, c) { return a + b + c; }; f = f.bind(null, 1).bind(null, 2); return f(3) + ' ' + f.name + ' ' + f.length; });
attempt('bound constructor', () => { const B = Point.bind(null, 5); const p = new B(6); return (p instanceof Point) + ' ' + (p instanceof B) + ' ' + p.y; });

// Padding.
attempt('huge padEnd', () => '1'.padEnd(2 ** 31, 'ab').length);
attempt('huge padStart', () => '1'.padStart(2 ** 31).length);
attempt('huge pad with nothing', () => 'abc'.padEnd(2 ** 40, ''));
attempt('padStart', () => ['abc'.padStart(10, '0123456789'), 'abc'.padStart(6, '12'), 'abc'.padStart(2), 'é'.padStart(4, 'ü')].join('|'));
attempt('padEnd', () => ['abc'.padEnd(7, 'xy'), 'abc'.padEnd(5), '😀'.padEnd(3, '😀').length, String.prototype.padEnd.call(12, 4, 0)].join('|'));
attempt('pad of null', () => String.prototype.padEnd.call(null, 3));

// Typed arrays use the same separator as arrays.
attempt('toLocaleString', () => [[1, 2].toLocaleString(), new Uint8Array([1, 2]).toLocaleString(), new Float64Array(0).toLocaleString()].join('|'));
attempt('typed toLocaleString on a non-typed array', () => Uint8Array.prototype.toLocaleString.call([1, 2]));

print('still running');
