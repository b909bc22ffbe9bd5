// DEP0005: Buffer()/new Buffer() warn once, from the application's own code only (a dependency
// under node_modules calling it does not warn), as in Node without --pending-deprecation.
const makeLegacy = require('legacy-buffer');

const warnings = [];
process.on('warning', (w) => warnings.push(`${w.name} ${w.code}`));
console.log('from node_modules', makeLegacy(3).length);
// Buffer.of, subarray and map make buffers without going through the deprecated constructor.
const made = Buffer.of(1, 2, 3);
console.log('no constructor call', Buffer.isBuffer(made), Buffer.isBuffer(made.subarray(1)), Buffer.isBuffer(made.map((x) => x)));
setTimeout(() => {
  console.log('after the dependency', warnings.length);
  console.log('own call', Buffer(2).length, new Buffer('ab').toString());
  setTimeout(() => console.log('after own calls', warnings.join(', ')), 1);
}, 1);
