// util.deprecate warns through process.emitWarning (a 'warning' listener added later in the same
// tick still sees it; once per function, once per code), util.callbackify keeps the original's
// name and length (plus the callback), util.format() with nothing is ''.
const util = require('node:util');

const seen = [];
const first = util.deprecate(() => 'one', 'first is deprecated');
const coded1 = util.deprecate(() => {}, 'coded is deprecated', 'DEP_TEST');
const coded2 = util.deprecate(() => {}, 'coded is deprecated', 'DEP_TEST');
console.log('returns', first(), first());
coded1();
coded2();
process.on('warning', (w) => seen.push(`${w.name} ${w.code} ${w.message}`));
try {
  util.deprecate(() => {}, 'bad code', 42);
} catch (e) {
  console.log('code 42', e.code);
}

async function fetchTwo(a, b) { return a + b; }
const callbackified = util.callbackify(fetchTwo);
console.log('callbackify', callbackified.name, callbackified.length);
callbackified(2, 3, (err, sum) => console.log('sum', err, sum));
util.callbackify(async () => { throw null; })((err) => console.log('falsy rejection', err.code, err.reason));

console.log('format()', JSON.stringify(util.format()), JSON.stringify(util.format('%s', 'x')));
setTimeout(() => console.log(seen.join('\n')), 5);
