// ES modules and CommonJS together: importing CommonJS (default and named exports), packages
// with "exports" conditions, createRequire, import.meta and "type": "module".
import counterModule, { next } from './lib/counter.js';
import dual, { flavour } from 'dual-pkg';
import reexported, { shared, extra } from './lib/reexport.cjs';
import { createRequire, builtinModules, isBuiltin } from 'node:module';
import { typedEsm } from './lib/esm-pkg/typed.js';
import plain from 'plain-pkg';
import path from 'node:path';

const require = createRequire(import.meta.url);
console.log('default export is module.exports:', typeof counterModule.next, counterModule.next === next);
console.log('named export:', next(), next());
console.log('shared instance with require:', require('./lib/counter.js').next());
console.log('import condition:', dual, flavour);
console.log('require condition:', require('dual-pkg').flavour);
console.log('re-exports:', shared, extra, Object.keys(reexported).sort().join());
console.log('"type": "module" package:', typedEsm);
console.log('plain package:', plain.hello('esm'));
console.log('import.meta:', path.basename(import.meta.filename), import.meta.dirname === path.dirname(import.meta.filename));
console.log('builtins:', builtinModules.includes('fs'), isBuiltin('node:path'), isBuiltin('no-such'), isBuiltin('node:test'), isBuiltin('test'));
const dynamic = await import('./lib/dir/index.js');
console.log('dynamic import of CommonJS:', dynamic.default.kind);
try {
  await import('dual-pkg/features/secret/y');
} catch (error) {
  console.log('not exported:', error.code);
}
try {
  await import('no-such-package');
} catch (error) {
  console.log('missing package:', error.code);
}
// A .mjs file is a Node program: Node's argv shape (the reference's `args` is unchanged).
console.log('argv:', process.argv.length, process.argv[0] === process.execPath, path.basename(process.argv[1]), path.basename(args[0]));
