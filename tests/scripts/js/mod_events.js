// EventEmitter semantics (js/events.js).
import EventEmitter, { EventEmitter as Named, once } from 'events';
import * as eventsNs from 'node:events';

print('default is named:', EventEmitter === Named, eventsNs.default === EventEmitter);
const e = new EventEmitter();
const order = [];
e.on('x', (a, b) => order.push('on:' + a + b));
e.prependListener('x', () => order.push('prepend'));
e.once('x', () => order.push('once'));
e.prependOnceListener('x', () => order.push('prependOnce'));
print('emit returns:', e.emit('x', 1, 2), e.emit('nothing'));
e.emit('x', 3, 4);
print(order.join(' '));
print('count:', e.listenerCount('x'), 'names:', e.eventNames().join(','));

// removal during emit does not affect the current emit
const e2 = new EventEmitter();
const seen = [];
function a() { seen.push('a'); e2.off('y', b); }
function b() { seen.push('b'); }
e2.on('y', a); e2.on('y', b);
e2.emit('y'); e2.emit('y');
print('snapshot:', seen.join(''));

// 'error' without listener throws; with listener it does not
try { e2.emit('error', new Error('boom')); } catch (err) { print('thrown:', err.message); }
try { e2.emit('error', 'str'); } catch (err) { print('thrown:', err.message, err.code); }
e2.on('error', (err) => print('handled:', err.message));
e2.emit('error', new Error('ok'));

// listeners / rawListeners / removeAllListeners / newListener / removeListener events
const e3 = new EventEmitter();
const f = () => {};
e3.on('newListener', (name) => print('newListener', name));
e3.once('z', f);
print('listeners same:', e3.listeners('z')[0] === f, 'raw wraps:', e3.rawListeners('z')[0].listener === f);
e3.on('removeListener', (name) => print('removeListener', name));
e3.removeAllListeners('z');
print('after removeAll:', e3.listenerCount('z'));
print('max:', e3.getMaxListeners(), e3.setMaxListeners(3) === e3, e3.getMaxListeners());
print('this is emitter:', (() => { let t; const e4 = new EventEmitter(); e4.on('q', function () { t = this; }); e4.emit('q'); return t === e4; })());

// old-style inheritance
function Old() { EventEmitter.call(this); }
Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
const o = new Old();
o.on('hi', (v) => print('old-style:', v));
o.emit('hi', 'works');

class Sub extends EventEmitter {}
const s = new Sub();
setTimeout(() => s.emit('ready', 1, 2), 1);
const vals = await once(s, 'ready');
print('once():', vals.join(','));
setTimeout(() => s.emit('error', new Error('bad')), 1);
try { await once(s, 'never'); } catch (err) { print('once() rejected:', err.message); }
