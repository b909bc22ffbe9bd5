// A CommonJS program (it uses require and has no import/export): modules, JSON, directories,
// node_modules packages, the module cache, cycles and errors, as Node resolves them.
'use strict';
const path = require('path');
const fs = require('node:fs');
const { EventEmitter } = require('events');

const rel = (p) => path.relative(__dirname, p);

console.log('main:', rel(__filename), require.main === module, module.id, this === module.exports);
console.log('argv:', process.argv.length, rel(process.argv[1]), process.argv[2]);

const counter = require('./lib/counter');
console.log('counter:', counter.next(), require('./lib/counter.js').next());
console.log('cached:', Object.keys(require.cache).map(rel).filter((k) => k.includes('counter')).join());
console.log('json:', require('./lib/data.json').name);
console.log('directory index:', require('./lib/dir').kind);
console.log('package main:', require('./lib/pkgdir').kind);
console.log('node_modules:', require('plain-pkg').hello('cjs'));
console.log('scoped:', require('@scope/tiny'));
console.log('exports, require condition:', require('dual-pkg').flavour);
console.log('exports pattern:', require('dual-pkg/features/x').feature);
for (const request of ['dual-pkg/features/secret/y', 'dual-pkg/cjs/index.cjs', './lib/missing', 'no-such-pkg']) {
  try {
    require(request);
  } catch (error) {
    // Paths in messages are absolute: show them from this folder (under WASI __dirname is '/').
    const here = __dirname.endsWith('/') ? __dirname : __dirname + '/';
    console.log('error:', request, error.code, error.message.split('\n')[0].replace(' in ' + here, ' in ./'));
  }
}
try {
  require('./lib/missing');
} catch (error) {
  console.log('require stack:', error.requireStack.map(rel).join());
}
console.log('resolve:', rel(require.resolve('plain-pkg')), require.resolve('fs'), require.resolve('node:fs'));
console.log('resolve.paths:', require.resolve.paths('fs'), rel(require.resolve.paths('x')[0]));
console.log('cycle:', require('./lib/cycle_a').summary);
console.log('built-ins:', typeof fs.readFileSync, typeof EventEmitter, require('node:events') === require('events'));
console.log('ES module through require:', require('./lib/esm_lib.mjs').double(21));
console.log('typed package:', require('./lib/typed/helper.js').typed);
try {
  require('./lib/syntax_error.js');
} catch (error) {
  console.log('syntax error:', error.name);
}
