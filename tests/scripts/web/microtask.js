// queueMicrotask: runs after the current script, before timers, in FIFO order with promise jobs.
const log = [];
setTimeout(() => { log.push('timeout'); print(log.join(' ')); }, 0);
queueMicrotask(() => {
  log.push('micro1');
  queueMicrotask(() => log.push('nested micro'));
  Promise.resolve().then(() => log.push('promise in micro'));
});
Promise.resolve().then(() => log.push('promise1'));
queueMicrotask(() => log.push('micro2'));
log.push('sync');
print(typeof queueMicrotask, queueMicrotask.length, queueMicrotask(() => {}));
for (const bad of [undefined, 5, 'code', {}]) {
  try { queueMicrotask(bad); print('accepted?!'); } catch (e) { print(e.name); }
}
