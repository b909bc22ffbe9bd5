// A testharness.js host for web-platform-tests' `.any.js` files, for any engine that runs ES
// modules and has `fs.readFileSync` (this runtime, node). Usage:
//   <engine> scripts/wpt/host.mjs <wpt-root> <test-file relative to the root>
// Each piece (testharness.js, the META scripts, the test) runs as a classic global script
// through indirect eval. Every result is printed as it happens, one JSON line each, so a
// crash loses only the tests that had not finished; scripts/wpt/run counts them.
import { readFileSync } from 'fs';

const [root, test] = (typeof args !== 'undefined' ? args.slice(1) : process.argv.slice(2));
const dirOf = (p) => p.slice(0, p.lastIndexOf('/') + 1);
const globalEval = eval;
const out = (line) => (typeof print === 'function' ? print(line) : console.log(line));

globalThis.self = globalThis;
globalThis.GLOBAL = { isWindow: () => false, isWorker: () => false, isShadowRealm: () => false };
globalThis.location = { href: 'file://' + root + '/' + test, search: '', hash: '' };

function run(path) {
  globalEval(readFileSync(path, 'utf8') + '\n//# sourceURL=' + path);
}

run(root + '/resources/testharness.js');
add_result_callback((t) => out('WPT-RESULT ' + JSON.stringify({ name: t.name, status: t.status, message: t.message })));
add_completion_callback((tests, status) => out('WPT-DONE ' + JSON.stringify({ status: status.status, message: status.message, count: tests.length })));

const source = readFileSync(root + '/' + test, 'utf8');
for (const match of source.matchAll(/^\/\/ META: script=(.+)$/gm)) {
  const spec = match[1].trim();
  run(spec.startsWith('/') ? root + spec : dirOf(root + '/' + test) + spec);
}
run(root + '/' + test);
