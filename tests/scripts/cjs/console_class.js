// Node's `console` module: the `Console` class over any pair of writable streams, and the global
// console's `table` and `dir`, which lay out their output as Node 20 does.
const { Console } = require('console');
const { Writable } = require('stream');

const sink = () => {
  const stream = new Writable({ write(chunk, encoding, done) { stream.text += chunk; done(); } });
  stream.text = '';
  return stream;
};
const out = sink();
const err = sink();
const mine = new Console(out, err);
mine.log('%s has %d legs', 'spider', 8, { and: 'an object' });
mine.error('to the second stream');
mine.group('Group');
mine.info('indented');
mine.group();
mine.debug('twice');
mine.groupEnd();
mine.groupEnd();
mine.log('back');
mine.count();
mine.count();
mine.count('apples');
mine.countReset();
mine.count();
mine.assert(1 === 1, 'not shown');
mine.assert(false, 'shown with %s', 'formatting');
mine.assert(false);
mine.table([{ name: 'ant', legs: 6 }, { name: 'eel', fins: [1, 2, 3, 4, 5] }]);
mine.table(['a', 2, { mixed: true }]);
mine.table(new Map([['key', 'value'], ['obj', { x: 1 }]]));
mine.table(new Set(['only', 'values']));
mine.table([{ a: 1, b: 2, c: 3 }], ['c', 'a']);
mine.table({ 'wide 宽': { '列': 'é' } });
mine.table('not tabular');
mine.dir({ one: { two: { three: { four: 4 } } } }, { depth: 1 });
const { log } = mine;
log('methods are bound');
console.log(out.text);
console.log('stderr stream:', JSON.stringify(err.text));

console.log(mine instanceof Console, console instanceof Console, require('console') === console);
console.log(typeof console.Console, console.Console === Console);
const viaOptions = new Console({ stdout: out, inspectOptions: { compact: false } });
out.text = '';
viaOptions.log({ a: 1 });
console.log(out.text);

for (const make of [() => new Console(), () => new Console({ stdout: {} }),
  () => new Console({ stdout: out, inspectOptions: 1 }), () => mine.table([], 'x')]) {
  try {
    make();
  } catch (error) {
    console.log(error.name, error.code, error.message);
  }
}

// The global console in a Node program.
console.table([{ id: 1 }, { id: 2, tag: 'two' }]);
console.table(42);
console.group('grouped');
console.table({ row: { v: true } });
console.groupEnd();
console.dir('a string is quoted');
console.dir({ a: { b: { c: {} } } }, { depth: 0 });
console.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'ignored'; } });
