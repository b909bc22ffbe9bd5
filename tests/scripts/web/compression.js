// CompressionStream / DecompressionStream: every format round-trips, in pieces; bad input errors.
const input = new TextEncoder().encode('wasmedge_boa '.repeat(2000));
const collect = async (readable) => {
  const parts = [];
  for await (const chunk of readable) parts.push(chunk);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
};
const pieces = (bytes, size) => ReadableStream.from((function* () { for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size); })());
for (const format of ['gzip', 'deflate', 'deflate-raw']) {
  const compressed = await collect(pieces(input, 1000).pipeThrough(new CompressionStream(format)));
  const restored = await collect(pieces(compressed, 7).pipeThrough(new DecompressionStream(format)));
  print(format, compressed.length < input.length / 10, restored.length === input.length && restored.every((b, i) => b === input[i]));
}
const gz = await collect(ReadableStream.from([input]).pipeThrough(new CompressionStream('gzip')));
print('gzip magic:', gz[0].toString(16), gz[1].toString(16));
try { new CompressionStream('brotli'); } catch (e) { print('unsupported format:', e.constructor.name); }
try { await collect(ReadableStream.from([new Uint8Array([1, 2, 3, 4])]).pipeThrough(new DecompressionStream('deflate'))); } catch (e) { print('corrupt input:', e.constructor.name); }
try { await collect(ReadableStream.from([gz.subarray(0, gz.length - 5)]).pipeThrough(new DecompressionStream('gzip'))); } catch (e) { print('truncated input:', e.constructor.name); }
try { await collect(ReadableStream.from(['text']).pipeThrough(new CompressionStream('gzip'))); } catch (e) { print('string chunk:', e.constructor.name); }
