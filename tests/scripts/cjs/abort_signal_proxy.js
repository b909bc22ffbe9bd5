// A Proxy of an AbortSignal (or of its EventTarget) works where Node's JS AbortSignal accepts it:
// getters and methods reached through a proxy that forwards `get`, the signal option of
// addEventListener and fs.promises.readFile, AbortSignal.any. A revoked proxy and a proxy of a
// plain object are still refused.
'use strict';
const fs = require('fs');
const path = require('path');

const forward = (target) => new Proxy(target, { get: (t, key, receiver) => {
  const value = Reflect.get(t, key, receiver);
  return value !== null && typeof value === 'object' ? forward(value) : value;
} });

const controller = new AbortController();
const proxied = new Proxy(controller.signal, {});
console.log(proxied.aborted, proxied.reason, proxied.onabort, forward(controller.signal).aborted);
const order = [];
proxied.addEventListener('abort', (event) => order.push('listener ' + event.type));
proxied.onabort = () => order.push('onabort');
const chained = new Proxy(new Proxy(controller.signal, {}), {});
console.log('chained aborted', chained.aborted);

const target = new EventTarget();
const done = new AbortController();
target.addEventListener('ping', () => order.push('ping'), { signal: new Proxy(done.signal, {}) });
target.dispatchEvent(new Event('ping'));
done.abort();
target.dispatchEvent(new Event('ping'));

const any = AbortSignal.any([new Proxy(controller.signal, {})]);
controller.abort(new Error('stop'));
console.log(order.join(', '), proxied.aborted, proxied.reason.message, any.aborted);
try { proxied.throwIfAborted(); } catch (e) { console.log('throwIfAborted', e.message); }

const revocable = Proxy.revocable(AbortSignal.abort(), {});
console.log('revocable', revocable.proxy.aborted);
revocable.revoke();
for (const [name, value] of [['plain', new Proxy({}, {})], ['revoked', revocable.proxy]]) {
  const getter = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get;
  try { getter.call(value); console.log(name, 'accepted'); } catch (e) { console.log(name, e.name); }
}

const dir = fs.mkdtempSync('asp-tmp-');
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, 'data');
(async () => {
  const handle = await fs.promises.open(file);
  try {
    await handle.readFile(forward({ signal: AbortSignal.abort(), encoding: 'utf8' }));
  } catch (e) {
    console.log('readFile', e.name);
  }
  console.log('readFile', await handle.readFile(forward({ signal: new AbortController().signal, encoding: 'utf8' })));
  await handle.close();
  fs.rmSync(dir, { recursive: true });
})();
