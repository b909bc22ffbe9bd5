// Timers are disposable (`using`/Symbol.dispose clears them) and say whether they are done
// (`_destroyed`), as Node's Timeout does.
const fired = [];
const timeout = setTimeout(() => fired.push('timeout'), 1);
const interval = setInterval(() => fired.push('interval'), 1);
const kept = setInterval(() => {}, 1);
const once = setTimeout(() => fired.push('once'), 1);
console.log('before', timeout._destroyed, interval._destroyed, once._destroyed);
timeout[Symbol.dispose]();
interval[Symbol.dispose]();
console.log('disposed', timeout._destroyed, interval._destroyed);
setTimeout(() => {
  console.log('later', once._destroyed, kept._destroyed, fired.join(','));
  clearInterval(kept);
  console.log('cleared', kept._destroyed);
}, 20);
