// A testharness.js host for web-platform-tests' `.any.js` files, for any engine that runs ES
// modules and has `fs.readFileSync` (this runtime, node). Usage:
//   <engine> scripts/wpt/host.mjs <wpt-root> <test-file relative to the root>
// Each piece (testharness.js, the META scripts, the test) runs as a classic global script
// (`std.evalScript` here, `vm.runInThisContext` under node). Every result is printed as it happens, one JSON line each, so a
// crash loses only the tests that had not finished; scripts/wpt/run counts them.
import { readFileSync } from 'fs';

const [root, test] = (typeof args !== 'undefined' ? args.slice(1) : process.argv.slice(2));
const dirOf = (p) => p.slice(0, p.lastIndexOf('/') + 1);
const runScript = typeof print === 'function'
  ? ((std) => (source) => std.evalScript(source))(await import('std'))
  : ((vm) => (source, filename) => vm.runInThisContext(source, { filename }))(await import('vm'));
const out = (line) => (typeof print === 'function' ? print(line) : console.log(line));

globalThis.self = globalThis;
globalThis.GLOBAL = { isWindow: () => false, isWorker: () => false, isShadowRealm: () => false };
globalThis.location = { href: 'file://' + root + '/' + test, search: '', hash: '' };

// Tests load their data files (`fetch('resources/x.json')`): served from the WPT tree, as a
// browser's test server would. Other URLs go to the real fetch.
const realFetch = globalThis.fetch;
globalThis.fetch = function (input, init) {
  const url = String(input && input.url ? input.url : input);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const path = url.startsWith('/') ? root + url : dirOf(root + '/' + test) + url;
    try {
      const body = readFileSync(path.split('?')[0]);
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': path.endsWith('.json') ? 'application/json' : 'text/plain' } }));
    } catch (e) {
      return Promise.resolve(new Response('not found', { status: 404 }));
    }
  }
  return realFetch(input, init);
};

function run(path) {
  runScript(readFileSync(path, 'utf8'), path);
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
