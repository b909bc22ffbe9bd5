// vm: scripts in fresh realms, a context's properties going in and coming back out,
// declarations kept between runs, errors, and the arguments vm refuses.
import vm from 'vm';

const sandbox = { base: 20, seen: [] };
console.log(vm.runInNewContext('base * 2 + 2', sandbox));
vm.runInNewContext('var made = base + 1; seen.push(typeof Array, typeof require)', sandbox);
console.log(sandbox.made, JSON.stringify(sandbox.seen));

// Objects made in another realm have that realm's prototypes.
const foreign = vm.runInNewContext('[1, 2, 3]');
console.log(foreign instanceof Array, Array.isArray(foreign), foreign.length);

const context = vm.createContext({ counter: 1 });
vm.runInContext('let step = 10; counter += step', context);
vm.runInContext('counter += step', context);
console.log(context.counter, vm.isContext(context), vm.isContext({}));

try {
  vm.runInNewContext('throw new RangeError("from inside")');
} catch (error) {
  console.log(error instanceof RangeError, error.name, error.message);
}
try {
  vm.runInNewContext('this is not javascript', {}, 'broken.js');
} catch (error) {
  console.log('syntax:', error.name);
}
for (const bad of [() => vm.runInContext('1', {}), () => vm.createContext(1), () => vm.isContext('x')]) {
  try { bad(); } catch (error) { console.log(error.code); }
}

const script = new vm.Script('globalThis.total = (globalThis.total || 0) + 5', { filename: 'add.js' });
const shared = vm.createContext({});
script.runInContext(shared);
script.runInContext(shared);
console.log(shared.total, script.runInNewContext({ total: 1 }));
console.log(vm.runInThisContext('typeof globalThis.process'));
console.log(vm.compileFunction('return a * b', ['a', 'b'])(6, 7));

// The realm gets the runtime's safe built-ins too: an inconsistent comparator is harmless.
console.log(vm.runInNewContext('[5, 1, 4, 2, 3].sort(() => Math.random() - 0.5).length'));
