// A caught error's `stack`, as a script reads it, lists the script's own frames, innermost
// first, and ends at the main module: no nameless native frame below it.
function inner() {
  return new Error('boom');
}
function outer() {
  return inner();
}

const lines = outer().stack.trimEnd().split('\n').map((line) => line.trim());
print(lines.join(' | '));

try {
  null.x;
} catch (e) {
  print(e.name, e.stack.includes('(native)'), e.stack.trimEnd().split('\n').pop().trim());
}

// A stack a script assigns is kept as it is.
const custom = new Error('custom');
custom.stack = 'mine';
print(custom.stack);

// An ES module (a script without module syntax runs as CommonJS, whose frames name absolute paths).
export {};
