// Module `stream/consumers`: read a whole stream (or async iterable) into one value. As in
// Node, blob/arrayBuffer/buffer take any chunk the way `new Blob([...])` does (objects as their
// string form); text/json decode strings and binary chunks only.
import { Buffer } from 'buffer';
import { codes } from 'internal/errors';

async function chunksOf(stream) {
  // A locked WHATWG stream cannot be read here (Node's code and class for it).
  if (typeof ReadableStream === 'function' && stream instanceof ReadableStream && stream.locked) {
    throw codes.ERR_INVALID_STATE.TypeError('ReadableStream is locked');
  }
  // Chunks are checked after the loop: an exception thrown inside `for await` over a stream
  // escapes as uncaught in Boa instead of rejecting this function.
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export async function blob(stream) { return new Blob(await chunksOf(stream)); }
export async function arrayBuffer(stream) { return (await blob(stream)).arrayBuffer(); }
export async function buffer(stream) { return Buffer.from(await arrayBuffer(stream)); }

export async function text(stream) {
  const decoder = new TextDecoder();
  let result = '';
  for (const chunk of await chunksOf(stream)) {
    if (typeof chunk === 'string') result += chunk;
    else if (chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk)) result += decoder.decode(chunk, { stream: true });
    else throw new codes.ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'ArrayBufferView'], chunk);
  }
  return result + decoder.decode();
}

export async function json(stream) { return JSON.parse(await text(stream)); }

export default { buffer, arrayBuffer, text, json, blob };
