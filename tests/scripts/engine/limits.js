// Inputs that used to crash the engine (native stack overflow, failed allocation, engine panic)
// end in catchable errors instead; the script goes on.

function attempt(label, f) {
  try { print(label + ':', f()); } catch (e) { print(label + ':', e.name + ':', e.message); }
}

// Chains of proxies: each operation recursed once per proxy.
attempt('proxy chain', () => { let p = {}; for (let i = 0; i < 100000; i++) p = new Proxy(p, {}); return p.x; });
attempt('short proxy chain', () => { let p = { x: 1 }; for (let i = 0; i < 100; i++) p = new Proxy(p, {}); return p.x; });

// Deeply nested arrays turned into strings.
attempt('nested join', () => { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return String(a).length; });
attempt('nested toLocaleString', () => { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a.toLocaleString().length; });
attempt('nested flat', () => { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a.flat(Infinity).length; });
attempt('flat', () => JSON.stringify([1, [2, [3, [4]]], , 5].flat(2)));
attempt('nested JSON', () => { let o = {}; for (let i = 0; i < 100000; i++) o = { a: o }; return JSON.stringify(o).length; });
attempt('JSON', () => JSON.stringify({ a: [1, 'x\n', { b: null, c: undefined }], d: new Number(3) }, null, 1).length);
attempt('shallow join', () => { let a = [1]; for (let i = 0; i < 100; i++) a = [a, i]; return String(a).length; });

// Strings too long to allocate.
attempt('huge join', () => new Array(2 ** 32 - 1).join().length);
attempt('huge repeat', () => 'x'.repeat(2 ** 30).length);
attempt('repeat', () => 'ab'.repeat(1e6).length);

// Source nested too deeply for the parser.
attempt('deep eval', () => eval('('.repeat(100000) + '1' + ')'.repeat(100000)));
attempt('deep Function', () => Function('return ' + '['.repeat(100000) + ']'.repeat(100000)));
attempt('nested eval', () => { function g(n) { return n ? eval('g(n - 1)') + 1 : 0; } return g(100000); });
attempt('moderate eval', () => eval('('.repeat(100) + '1' + ')'.repeat(100)));

// `using` declarations (Boa 0.22 crashed on some and never disposes).
attempt('using', () => eval('{ using r = { [Symbol.dispose]() {} }; }'));
attempt('using in a function', () => Function('using r = null;'));

print('still running');
