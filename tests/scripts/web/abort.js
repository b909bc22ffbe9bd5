// AbortController / AbortSignal: synchronous dispatch, reasons, onabort, statics.
const controller = new AbortController();
const { signal } = controller;
print(signal instanceof AbortSignal, signal.aborted, signal.reason, signal.onabort, controller.signal === signal);
const order = [];
signal.addEventListener('abort', function (event) {
  order.push(`listener1 type=${event.type} target=${event.target === signal} this=${this === signal} aborted=${signal.aborted}`);
});
signal.onabort = (event) => order.push('onabort ' + event.type);
signal.addEventListener('abort', { handleEvent(event) { order.push('handleEvent ' + (this !== signal)); } });
signal.addEventListener('abort', () => order.push('once'), { once: true });
const removed = () => order.push('removed listener ran?!');
signal.addEventListener('abort', removed);
signal.removeEventListener('abort', removed);
signal.addEventListener('other', () => order.push('other type ran?!'));
signal.addEventListener('abort', null); // ignored
controller.abort();
order.push('after abort()');
print(order.join('\n'));
print(signal.aborted, signal.reason instanceof DOMException, signal.reason.name, signal.reason.message, signal.reason.code);
const firstReason = signal.reason;
controller.abort('again'); // no second event, reason unchanged
print(signal.reason === firstReason);
try { signal.throwIfAborted(); } catch (e) { print('throwIfAborted threw', e === firstReason); }

// A reason of any type; undefined means the default AbortError.
for (const reason of ['text', 0, null, { code: 1 }]) {
  const c = new AbortController();
  c.abort(reason);
  print(JSON.stringify(c.signal.reason));
}
const u = new AbortController();
u.abort(undefined);
print(u.signal.reason.name);
new AbortController().signal.throwIfAborted();
print('not aborted: no throw');

// A listener added during dispatch does not run; one removed during dispatch does not run.
const c2 = new AbortController();
const log2 = [];
const second = () => log2.push('second');
c2.signal.addEventListener('abort', () => {
  log2.push('first');
  c2.signal.removeEventListener('abort', second);
  c2.signal.addEventListener('abort', () => log2.push('late'));
});
c2.signal.addEventListener('abort', second);
c2.abort();
print(JSON.stringify(log2));

// onabort: replacing keeps its place; null removes it.
const c3 = new AbortController();
const log3 = [];
c3.signal.onabort = () => log3.push('old handler');
c3.signal.addEventListener('abort', () => log3.push('listener'));
c3.signal.onabort = () => log3.push('new handler');
c3.abort();
const c4 = new AbortController();
c4.signal.onabort = () => log3.push('cleared handler ran?!');
c4.signal.onabort = null;
c4.abort();
print(JSON.stringify(log3), c4.signal.onabort);

// AbortSignal.abort() and AbortSignal.any().
const pre = AbortSignal.abort();
print(pre.aborted, pre.reason.name, AbortSignal.abort('why').reason);
const a = new AbortController();
const b = new AbortController();
const any = AbortSignal.any([a.signal, b.signal]);
any.addEventListener('abort', () => print('any aborted with', any.reason));
print(any.aborted);
b.abort('from b');
a.abort('from a');
print(any.reason, AbortSignal.any([pre, a.signal]).reason === pre.reason, AbortSignal.any([]).aborted);
try { AbortSignal.any([{}]); } catch (e) { print(e.name); }
try { new AbortSignal(); } catch (e) { print(e.name, e.message); }
try { Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call({}); } catch (e) { print(e.name); }
print(Object.prototype.toString.call(signal), Object.prototype.toString.call(controller));

// AbortSignal.timeout(): aborts later with a TimeoutError.
const timed = AbortSignal.timeout(20);
print('timeout signal aborted now?', timed.aborted);
const anyTimed = AbortSignal.any([timed]);
timed.onabort = () => print('timed out:', timed.reason.name, timed.reason.message, anyTimed.aborted);
try { AbortSignal.timeout(-1); } catch (e) { print(e.name); }

// Typical use: cancelling pending work.
function delay(ms, { signal }) {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const id = setTimeout(resolve, ms, 'finished');
    signal.addEventListener('abort', () => { clearTimeout(id); reject(signal.reason); }, { once: true });
  });
}
const work = new AbortController();
delay(1000, work).then(print, (e) => print('work cancelled:', e.name));
setTimeout(() => work.abort(), 5);
