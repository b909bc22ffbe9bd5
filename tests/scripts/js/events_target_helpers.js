// events' helpers on an EventTarget: getEventListeners lists the registered callbacks in order,
// events.on iterates its events (and refuses what is neither an emitter nor a target), the
// `close` option ends an iteration; Buffer#write validates offset and length as Node does.
import { getEventListeners, on, once, EventEmitter } from 'events';

const target = new EventTarget();
const a = () => {};
const b = { handleEvent() {} };
target.addEventListener('x', a);
target.addEventListener('x', b);
target.addEventListener('x', a); // a duplicate is not added
target.addEventListener('y', a);
const listed = getEventListeners(target, 'x');
console.log(listed.length, listed[0] === a, listed[1] === b, getEventListeners(target, 'none').length);
target.removeEventListener('x', a);
console.log(getEventListeners(target, 'x').length);

try { on({}, 'x'); } catch (e) { console.log(e.code); }

const source = new EventTarget();
const seen = [];
const iterating = (async () => {
  for await (const [event] of on(source, 'tick')) {
    seen.push(event.type);
    if (seen.length === 2) break;
  }
})();
source.dispatchEvent(new Event('tick'));
source.dispatchEvent(new Event('tick'));
await iterating;
console.log(seen.join(','), getEventListeners(source, 'tick').length);

const ee = new EventEmitter();
const values = [];
const closing = (async () => {
  for await (const [v] of on(ee, 'data', { close: ['end'] })) values.push(v);
})();
ee.emit('data', 1);
ee.emit('data', 2);
ee.emit('end');
await closing;
console.log(values.join(','), ee.listenerCount('data'), ee.listenerCount('end'));

const buf = Buffer.alloc(8);
for (const args of [['xy', 'utf8', 0], ['xy', 1.5], ['xy', 9], ['xy', 0, 20], ['xy', '1']]) {
  try { buf.write(...args); console.log('written'); } catch (e) { console.log(e.code, e.message); }
}
console.log(buf.write('abc', 2, 'latin1'), buf.write('zz'), buf.write('hello', 6), buf.toString('latin1'));

// once() is async: a bad option or emitter rejects rather than throws; null options are allowed.
await once(new EventEmitter(), 'x', { signal: 1 }).catch((e) => console.log('rejected', e.code));
await once(new AbortController(), 'x').catch((e) => console.log('not an emitter', e.code));
const em = new EventEmitter();
const got = once(em, 'go', null);
em.emit('go', 7);
console.log('once with null options', (await got)[0]);

// An error ends an iteration: the oldest pending next() rejects, the others finish.
const failing = new EventEmitter();
const it = on(failing, 'data');
const pending = [it.next(), it.next(), it.next()];
failing.emit('error', new Error('kaboom'));
console.log((await Promise.allSettled(pending)).map((r) => r.status === 'rejected' ? r.reason.message : r.value.done).join(','));
