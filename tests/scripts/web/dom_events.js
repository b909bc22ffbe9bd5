// Event, EventTarget, CustomEvent, ErrorEvent: dispatch order, options, cancellation, subclassing.
const target = new EventTarget();
const log = [];
target.addEventListener('x', (e) => { log.push('bubble:' + e.eventPhase); e.preventDefault(); });
target.addEventListener('x', { handleEvent(e) { log.push('object:' + (this !== target)); } }, { once: true });
target.addEventListener('x', () => log.push('capture'), true);
target.addEventListener('x', () => log.push('passive'), { passive: true });
print(target.dispatchEvent(new Event('x', { cancelable: true })), log.join(' '));
log.length = 0;
print(target.dispatchEvent(new Event('x')), log.join(' '));

// Duplicates register once; removal during dispatch skips the listener.
const t2 = new EventTarget();
const second = () => print('never runs');
const first = () => { print('first'); t2.removeEventListener('y', second); };
t2.addEventListener('y', first);
t2.addEventListener('y', first);
t2.addEventListener('y', second);
t2.dispatchEvent(new Event('y'));

// stopImmediatePropagation; passive listeners cannot cancel.
const t3 = new EventTarget();
t3.addEventListener('z', (e) => { e.stopImmediatePropagation(); print('stops'); });
t3.addEventListener('z', () => print('never runs'));
t3.dispatchEvent(new Event('z'));
const t4 = new EventTarget();
t4.addEventListener('p', (e) => e.preventDefault(), { passive: true });
print('passive cancel ignored:', t4.dispatchEvent(new Event('p', { cancelable: true })));

// Event state outside and during dispatch.
const e = new Event('s', { bubbles: true });
print(e.type, e.bubbles, e.cancelable, e.composed, e.isTrusted, e.eventPhase, e.target, e.defaultPrevented, typeof e.timeStamp);
const t5 = new EventTarget();
t5.addEventListener('s', (ev) => print('during:', ev.target === t5, ev.currentTarget === t5, ev.composedPath().length));
t5.dispatchEvent(e);
print('after:', e.target === t5, e.currentTarget, e.eventPhase);
try { t5.dispatchEvent({ type: 's' }); } catch (err) { print(err.name); }
try { new Event(); } catch (err) { print(err.name); }
print(Event.AT_TARGET, e.BUBBLING_PHASE, Object.prototype.toString.call(e));

// Subclasses of Event and EventTarget.
class Ping extends Event { constructor() { super('ping'); this.extra = 42; } }
class Emitter extends EventTarget { fire() { return this.dispatchEvent(new Ping()); } }
const em = new Emitter();
em.addEventListener('ping', (ev) => print('ping', ev instanceof Ping, ev.extra, ev instanceof Event));
em.fire();

const ce = new CustomEvent('c', { detail: { n: 1 } });
print(ce instanceof Event, ce.detail.n, new CustomEvent('d').detail, Object.prototype.toString.call(ce));
const ee = new ErrorEvent('error', { message: 'boom', filename: 'f.js', lineno: 3, colno: 4, error: 42 });
print(ee.message, ee.filename, ee.lineno, ee.colno, ee.error, ee instanceof Event);

// The signal option removes the listener on abort.
const ac = new AbortController();
const t6 = new EventTarget();
t6.addEventListener('q', () => print('q ran'), { signal: ac.signal });
t6.dispatchEvent(new Event('q'));
ac.abort();
t6.dispatchEvent(new Event('q'));
print('done');
