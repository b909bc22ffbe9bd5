#!/usr/bin/env python3
"""A grammar-based generator of JavaScript programs, for hunting engine crashes.

    fuzz/js/generate.py SEED [COUNT]     # prints program SEED (or COUNT programs from SEED on, each
                                         # after a line `//# program N`)

Each program is built from a small grammar of statements and expressions (declarations, control
flow, functions, classes, generators, async functions, destructuring, spread, templates, regular
expressions, getters, proxies, typed arrays...) whose leaves are edge-case values (-0, NaN,
2**32 - 1, 2**53, lone surrogates, huge lengths, detached buffers...), and calls of built-in
functions with such values as receivers and arguments. Every statement runs inside try/catch, so a
program only ends early if the engine itself fails: a crash, an abort, an uncatchable error, a hang.
The same seed always gives the same program. `fuzz/js/run.py` runs them against a runtime.
"""

import random
import sys

VALUES = [
    "undefined", "null", "true", "false", "0", "-0", "1", "-1", "0.5", "NaN", "Infinity", "-Infinity",
    "2**31", "2**32 - 1", "2**32", "2**53 - 1", "2**53", "-(2**53)", "1e308", "5e-324", "0n", "-1n", "2n**64n",
    "''", "'a'", "'\\ud800'", "'\\udc00x'", "'𝌆'", "'\\0'", "'x'.repeat(1000)", "'0'", "'-1'", "'length'",
    "'__proto__'", "'constructor'", "'toString'", "Symbol()", "Symbol.iterator", "Symbol.toPrimitive",
    "[]", "[1, 2, 3]", "[, , 1]", "[undefined, null]", "new Array(5)", "{}", "{a: 1, b: [2]}",
    "Object.create(null)", "function () {}", "(() => 1)", "class {}", "/a|b/g", "/(?:)/y", "new Date(0)",
    "new Date(NaN)", "new Map([[1, 2]])", "new Set([1])", "new WeakMap()", "Promise.resolve(1)",
    "new Uint8Array(4)", "new Float64Array([1.5, NaN])", "new BigInt64Array(2)", "new ArrayBuffer(8)",
    "new ArrayBuffer(8, {maxByteLength: 16})", "new DataView(new ArrayBuffer(4))", "new Error('e')",
    "new Proxy({}, {})", "new Proxy([], {get() { return 1; }})", "globalThis", "arguments_like",
    "{length: 2**32, 0: 1}", "{length: -1}", "{valueOf() { return 1; }}", "{toString() { throw 1; }}",
    "{get x() { return 1; }}", "Object.freeze([1])", "detached()", "shrunk()",
]

BUILTINS = [
    "Array.from", "Array.of", "Array.prototype.at", "Array.prototype.concat", "Array.prototype.copyWithin",
    "Array.prototype.entries", "Array.prototype.every", "Array.prototype.fill", "Array.prototype.filter",
    "Array.prototype.find", "Array.prototype.findLast", "Array.prototype.flat", "Array.prototype.flatMap",
    "Array.prototype.includes", "Array.prototype.indexOf", "Array.prototype.join", "Array.prototype.lastIndexOf",
    "Array.prototype.map", "Array.prototype.pop", "Array.prototype.push", "Array.prototype.reduce",
    "Array.prototype.reverse", "Array.prototype.shift", "Array.prototype.slice", "Array.prototype.sort",
    "Array.prototype.splice", "Array.prototype.toLocaleString", "Array.prototype.toReversed",
    "Array.prototype.toSorted", "Array.prototype.toSpliced", "Array.prototype.unshift", "Array.prototype.with",
    "String.prototype.at", "String.prototype.charAt", "String.prototype.codePointAt", "String.prototype.concat",
    "String.prototype.endsWith", "String.prototype.includes", "String.prototype.indexOf", "String.prototype.isWellFormed",
    "String.prototype.localeCompare", "String.prototype.match", "String.prototype.matchAll", "String.prototype.normalize",
    "String.prototype.padEnd", "String.prototype.padStart", "String.prototype.repeat", "String.prototype.replace",
    "String.prototype.replaceAll", "String.prototype.search", "String.prototype.slice", "String.prototype.split",
    "String.prototype.substring", "String.prototype.toLowerCase", "String.prototype.toUpperCase",
    "String.prototype.toWellFormed", "String.prototype.trim", "String.fromCharCode", "String.fromCodePoint", "String.raw",
    "Object.assign", "Object.create", "Object.defineProperty", "Object.entries", "Object.freeze", "Object.fromEntries",
    "Object.getOwnPropertyDescriptors", "Object.getOwnPropertyNames", "Object.groupBy", "Object.keys",
    "Object.setPrototypeOf", "Object.prototype.toString", "Object.prototype.toLocaleString",
    "JSON.parse", "JSON.stringify", "Math.max", "Math.min", "Math.pow", "Math.hypot", "Math.round", "Math.fround",
    "Number", "Number.parseFloat", "Number.prototype.toFixed", "Number.prototype.toPrecision",
    "Number.prototype.toExponential", "Number.prototype.toString", "BigInt", "BigInt.asIntN", "BigInt.asUintN",
    "BigInt.prototype.toString", "Date", "Date.parse", "Date.UTC", "Date.prototype.toISOString", "Date.prototype.toString",
    "Date.prototype.setFullYear", "RegExp", "RegExp.prototype.exec", "RegExp.prototype.test",
    "RegExp.prototype[Symbol.replace]", "RegExp.prototype[Symbol.split]", "Function.prototype.apply",
    "Function.prototype.bind", "Function.prototype.call", "Function.prototype.toString", "Function",
    "Reflect.apply", "Reflect.construct", "Reflect.defineProperty", "Reflect.get", "Reflect.ownKeys", "Reflect.set",
    "Proxy.revocable", "Map.groupBy", "Map.prototype.set", "Set.prototype.union", "Set.prototype.isSubsetOf",
    "WeakRef", "FinalizationRegistry", "Symbol.for", "Symbol.prototype.toString", "Promise.all", "Promise.race",
    "Promise.allSettled", "Promise.any", "Promise.withResolvers", "Promise.prototype.then", "Promise.prototype.finally",
    "ArrayBuffer.prototype.resize", "ArrayBuffer.prototype.slice", "ArrayBuffer.prototype.transfer", "Atomics.add",
    "Atomics.load", "Atomics.store", "Atomics.wait", "DataView.prototype.getFloat64", "DataView.prototype.setBigInt64",
    "Uint8Array.from", "Int16Array.of", "TYPED.prototype.set", "TYPED.prototype.subarray", "TYPED.prototype.sort",
    "TYPED.prototype.fill", "TYPED.prototype.copyWithin", "TYPED.prototype.slice", "TYPED.prototype.map",
    "TYPED.prototype.join", "TYPED.prototype.toSorted", "TYPED.prototype.with", "TYPED.prototype.lastIndexOf",
    "Iterator.from", "Iterator.prototype.map", "Iterator.prototype.take", "Iterator.prototype.drop",
    "Iterator.prototype.flatMap", "Iterator.prototype.toArray", "Error.captureStackTrace", "eval", "parseInt",
    "parseFloat", "encodeURI", "decodeURIComponent", "escape", "unescape", "isNaN", "structuredClone",
    "Temporal.Now.instant", "Temporal.PlainDate.from", "Temporal.Duration.from", "Temporal.Instant.fromEpochMilliseconds",
    "Intl", "String.prototype.toLocaleUpperCase", "Array.fromAsync", "Math.sumPrecise", "Error.isError",
]

PRELUDE = """\
function detached() { const b = new ArrayBuffer(8); try { structuredClone(b, { transfer: [b] }); } catch (e) {} return new Uint8Array(b.byteLength === 0 ? b : new ArrayBuffer(0)); }
function shrunk() { const b = new ArrayBuffer(16, { maxByteLength: 16 }); const t = new Float64Array(b); b.resize(4); return t; }
const arguments_like = (function () { return arguments; })(1, 2);
const TYPED = Object.getPrototypeOf(Int8Array);
function call(path, thisValue, args) {
  let f;
  try { f = eval(path); } catch (e) { return; }
  if (typeof f !== 'function') return;
  try { const r = Reflect.apply(f, thisValue, args); if (r && typeof r.then === 'function') r.then(undefined, () => {}); } catch (e) {}
  try { const r = Reflect.construct(f, args); } catch (e) {}
}
"""


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.names = ["a", "b", "c", "o", "f", "g", "x"]
        self.depth = 0

    def pick(self, items):
        return self.rng.choice(items)

    def value(self):
        return self.pick(VALUES)

    def expression(self, depth=0):
        r = self.rng.random()
        if depth > 4 or r < 0.3:
            return self.pick([self.value(), self.pick(self.names)])
        if r < 0.45:
            op = self.pick(["+", "-", "*", "/", "%", "**", "<", "==", "===", "&", "|", "^", "<<", ">>>", "&&", "||", "??", "in", "instanceof"])
            left = self.expression(depth + 1)
            if op == "**":
                left = f"({left})"  # `-1 ** 2` is a SyntaxError
            return f"({left} {op} {self.expression(depth + 1)})"
        if r < 0.52:
            op = self.pick(["!", "-", "+", "~", "typeof ", "void "])
            return f"({op}({self.expression(depth + 1)}))"  # `!2**32`, `- -1`: SyntaxErrors
        if r < 0.6:
            return f"[{', '.join(self.expression(depth + 1) for _ in range(self.rng.randint(0, 3)))}]"
        if r < 0.66:
            keys = ["a", "b", "[Symbol.iterator]", "get x", "__proto__", "0", "'length'", "...o"]
            parts = []
            for key in self.rng.sample(keys, self.rng.randint(0, 3)):  # one __proto__ at most
                if key.startswith("get "):
                    parts.append(f"{key}() {{ return {self.expression(depth + 1)}; }}")
                elif key.startswith("..."):
                    parts.append(key)
                else:
                    parts.append(f"{key}: {self.expression(depth + 1)}")
            return "({" + ", ".join(parts) + "})"
        if r < 0.72:
            return f"`${{{self.expression(depth + 1)}}}x${{{self.expression(depth + 1)}}}`"
        if r < 0.78:
            return f"(({self.pick(['', 'p', 'p, ...q', '{p}', '[p = 1]'])}) => ({self.expression(depth + 1)}))"
        if r < 0.84:
            return f"{self.pick(self.names)}?.[{self.expression(depth + 1)}]"
        if r < 0.9:
            nesting = self.rng.choice([1, 10, 100, 300, 1000, 5000])
            kind = self.pick(["(", "[", "!", "-", "+"])
            if kind in "([":
                close = ")" if kind == "(" else "]"
                return f"eval({kind * nesting!r} + '1' + {close * nesting!r})"
            return f"eval({(kind * nesting)!r} + '1')"
        args = ", ".join(self.expression(depth + 1) for _ in range(self.rng.randint(0, 3)))
        return f"{self.pick(self.names)}({args})"

    def builtin_call(self):
        path = self.pick(BUILTINS)
        this = self.value() if self.rng.random() < 0.8 else self.expression()
        args = ", ".join(self.value() if self.rng.random() < 0.7 else self.expression() for _ in range(self.rng.randint(0, 4)))
        return f"call({path!r}, {this}, [{args}]);"

    def nested_structure(self):
        n = self.rng.choice([10, 1000, 10000, 100000])
        shape = self.pick([
            "o = {a: o}", "o = [o]", "o = new Proxy(o, {})", "o = Object.create(o)", "o = o.bind ? o.bind(null) : function(){}",
            "o = new Error('e', {cause: o})", "o = Promise.resolve(o)", "o = new Map([[o, o]])",
        ])
        use = self.pick(["JSON.stringify(o)", "String(o)", "o.x", "'x' in o", "structuredClone(o)", "[o].flat(Infinity)",
                         "Object.keys(o)", "o.toString()", "o()", "Array.from(o)", "o instanceof Object", "o = null"])
        return f"{{ let o = {{}}; for (let i = 0; i < {n}; i++) {{ {shape}; }} {use}; }}"

    def statement(self, depth=0):
        r = self.rng.random()
        if depth > 3 or r < 0.35:
            return self.builtin_call()
        if r < 0.45:
            return f"{self.pick(self.names)} = {self.expression()};"
        if r < 0.52:
            return self.nested_structure()
        if r < 0.58:
            return f"if ({self.expression()}) {{ {self.statement(depth + 1)} }} else {{ {self.statement(depth + 1)} }}"
        if r < 0.63:
            return f"for (let i = 0; i < {self.rng.randint(0, 50)}; i++) {{ {self.statement(depth + 1)} }}"
        if r < 0.68:
            return f"for (const v of {self.pick(['[1, 2]', 'o ?? []', 'new Set([1])', 'f.call ? [f] : []', 'x'])}) {{ {self.statement(depth + 1)} }}"
        if r < 0.74:
            return f"function {self.pick(['f', 'g'])}(p, q) {{ {self.statement(depth + 1)} return {self.expression()}; }}"
        if r < 0.78:
            return f"f = async function (p) {{ await {self.expression()}; {self.statement(depth + 1)} }}; f({self.value()}).catch(() => {{}});"
        if r < 0.82:
            return f"g = function* (p) {{ yield {self.expression()}; {self.statement(depth + 1)} }}; for (const v of g()) {{}}"
        if r < 0.86:
            return (f"class C{depth} extends {self.pick(['Object', 'Array', 'Error', 'Promise', '(null ?? Object)'])} {{ "
                    f"static s = {self.expression()}; #p = 1; m() {{ return this.#p; }} get [Symbol.toPrimitive]() {{ return () => ({self.value()}); }} }} "
                    f"o = new C{depth}(); o.m();")
        if r < 0.9:
            source = self.pick(['[1, 2, 3]', 'o ?? []', "'ab'"])
            return f"{{ let [p, ...q] = {source}; const {{a: r = {self.value()}}} = o ?? {{}}; }}"
        if r < 0.93:
            return f"label{depth}: for (;;) {{ {self.statement(depth + 1)} break label{depth}; }}"
        if r < 0.96:
            return f"o = new Proxy({self.pick(['{}', '[]', 'function(){}'])}, {{ {self.pick(['get', 'has', 'ownKeys', 'apply', 'getOwnPropertyDescriptor'])}() {{ return {self.value()}; }} }}); {self.builtin_call()}"
        return f"switch ({self.expression()}) {{ case {self.value()}: {self.statement(depth + 1)} default: {self.statement(depth + 1)} }}"

    def program(self):
        lines = [PRELUDE, "let a, b, c, o, f, g, x;"]
        for _ in range(self.rng.randint(5, 25)):
            lines.append(f"try {{ {self.statement()} }} catch (e) {{}}")
        lines.append("print('done');")
        return "\n".join(lines) + "\n"


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for n in range(seed, seed + count):
        if count > 1:
            print(f"//# program {n}")
        sys.stdout.write(Generator(n).program())


if __name__ == "__main__":
    main()
