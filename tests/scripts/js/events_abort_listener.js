// events.addAbortListener: the listener still runs when an earlier 'abort' listener calls
// stopImmediatePropagation(), which does stop ordinary listeners; disposing it removes it; an
// already aborted signal calls it on a later microtask.
import { addAbortListener } from 'events';

const ac = new AbortController();
const order = [];
ac.signal.addEventListener('abort', (e) => { order.push('stopper'); e.stopImmediatePropagation(); });
ac.signal.addEventListener('abort', () => order.push('ordinary (must not run)'));
addAbortListener(ac.signal, (e) => order.push(`resisting, target is signal: ${e.target === ac.signal}`));
const disposed = addAbortListener(ac.signal, () => order.push('disposed (must not run)'));
disposed[Symbol.dispose]();
ac.abort();
console.log(order.join('\n'));

// stopPropagation() in a capture listener ends the event before the bubbling listeners, as the
// DOM standard says for the target itself (Node's own EventTarget would still run them).
const et = new EventTarget();
const seen = [];
et.addEventListener('x', (e) => { seen.push('capture'); e.stopPropagation(); }, { capture: true });
et.addEventListener('x', () => seen.push('bubble (must not run)'));
et.dispatchEvent(new Event('x'));
console.log(seen.join(','));

let late = false;
addAbortListener(AbortSignal.abort(), () => { late = true; console.log('aborted signal: called later'); });
console.log('aborted signal: called synchronously?', late);
