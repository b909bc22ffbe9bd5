// A delay past 2^31 - 1 ms (or Infinity) does not fit Node's timers: it becomes 1 ms and
// process.emitWarning reports a TimeoutOverflowWarning.
import process from 'node:process';

const warnings = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message.split('\n').join(' | ')}`));

const order = [];
setTimeout(() => order.push('huge'), 2 ** 31);
setTimeout(() => order.push('infinite'), Infinity);
const cleared = setInterval(() => order.push('interval'), 1e12);
clearInterval(cleared);
setTimeout(() => order.push('limit - 1 is kept'), 2 ** 31 - 1).unref();
setTimeout(() => {
  console.log(order.join(', '));
  for (const w of warnings) console.log(w);
}, 20);
