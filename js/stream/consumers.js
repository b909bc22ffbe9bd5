// Module `stream/consumers`: read a whole stream (or async iterable) into one value.
import { Buffer } from 'buffer';
import { codes } from 'internal/errors';

async function collect(stream) {
  // A locked WHATWG stream cannot be read here (Node's code and class for it).
  if (typeof ReadableStream === 'function' && stream instanceof ReadableStream && stream.locked) {
    throw codes.ERR_INVALID_STATE.TypeError('ReadableStream is locked');
  }
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks.map((c) => (c instanceof Uint8Array ? c : Buffer.from(c))));
}

export async function buffer(stream) { return collect(stream); }
export async function arrayBuffer(stream) {
  const b = await collect(stream);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}
export async function text(stream) { return (await collect(stream)).toString('utf8'); }
export async function json(stream) { return JSON.parse(await text(stream)); }
export async function blob(stream) { return new Blob([await collect(stream)]); }

export default { buffer, arrayBuffer, text, json, blob };
