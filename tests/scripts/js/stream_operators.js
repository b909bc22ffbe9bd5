// Readable's operators (map, filter, forEach, toArray, some, every, find, reduce, flatMap,
// drop, take, asIndexedPairs) and wrap() of an old-style stream (js/stream.js).
import { Readable, PassThrough } from 'node:stream';
import { EventEmitter } from 'node:events';

const list = (values) => JSON.stringify(values);
const from = (values) => Readable.from(values);

console.log('map', list(await from([1, 2, 3]).map((x) => x * 10).toArray()));
// With concurrency 3 the slow first call does not hold back the others, yet order is kept.
const started = [];
const mapped = await from([30, 1, 1]).map(async (ms) => {
  started.push(ms);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}, { concurrency: 3 }).toArray();
console.log('map concurrency', list(started), list(mapped));
console.log('filter', list(await from([1, 2, 3, 4]).filter(async (x) => x % 2 === 0).toArray()));
const seen = [];
console.log('forEach', await from(['a', 'b']).forEach((x) => { seen.push(x); }), list(seen));
console.log('some/every/find', await from([1, 5]).some((x) => x > 4), await from([1, 5]).every((x) => x > 4),
  await from([1, 5, 7]).find((x) => x > 4), await from([1]).find((x) => x > 4));
console.log('reduce', await from([1, 2, 3]).reduce((sum, x) => sum + x), await from([]).reduce((s, x) => s + x, 7));
await from([]).reduce((s, x) => s + x).catch((e) => console.log('reduce empty', e.name, e.code));
console.log('flatMap', list(await from([1, 2]).flatMap((x) => [x, -x]).toArray()));
console.log('drop/take', list(await from([1, 2, 3, 4, 5]).drop(1).take(3).toArray()));
console.log('asIndexedPairs', list(await from(['x', 'y']).asIndexedPairs().toArray()));

for (const [label, call] of [
  ['map(1)', () => from([]).map(1)],
  ['map concurrency 0', () => from([]).map((x) => x, { concurrency: 0 })],
  ['take(-1)', () => from([]).take(-1)],
  ['filter signal', () => from([]).filter((x) => x, { signal: 1 })],
]) {
  try {
    call();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.name, e.code);
  }
}

const controller = new AbortController();
controller.abort();
await from([1]).toArray({ signal: controller.signal }).catch((e) => console.log('aborted toArray', e.name));

// wrap(): an EventEmitter with 'data'/'end' and pause/resume read as a Readable.
const old = new EventEmitter();
let pauses = 0;
old.pause = () => { pauses++; };
old.resume = () => {};
old.extra = function extra() { return 'forwarded'; };
const wrapped = new Readable({ highWaterMark: 1, objectMode: true }).wrap(old);
console.log('wrap returns itself', wrapped instanceof Readable, wrapped.extra());
const collected = wrapped.toArray();
old.emit('data', 'one');
old.emit('data', 'two');
old.emit('end');
console.log('wrap', list(await collected), pauses > 0);
const pass = new PassThrough();
const rewrapped = new Readable().wrap(pass);
rewrapped.on('error', (e) => console.log('wrap error', e.message));
pass.emit('error', new Error('from the old stream'));
