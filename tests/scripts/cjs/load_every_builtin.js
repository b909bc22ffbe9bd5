// Every built-in module loads, and so does each lazily built web global (their JavaScript is
// stored without comments: a mistake there would show here as a syntax error).
const { builtinModules } = require('module');
const failed = [];
for (const name of builtinModules) {
  try { require(name); } catch (error) { failed.push(`${name}: ${error.message}`); }
}
console.log(failed.length === 0 ? 'every built-in module loaded' : failed.join('\n'));
const web = [
  () => new ReadableStream(), () => new TransformStream(), () => new CompressionStream('gzip'),
  () => new TextDecoderStream(), () => new Blob(['x']), () => new FormData(), () => new FileReader(),
  () => performance.mark('m'), () => new Headers(), () => new Response('x'),
];
console.log(web.map((make) => typeof make()).join(' '));
