// timers: the Timeout fields Node programs read and write (_idleTimeout, _repeat, _onTimeout),
// the legacy enroll/active/unenroll list, and timers/promises' scheduler.
const timers = require('timers');
const { scheduler } = require('timers/promises');

process.on('warning', (w) => console.log('warning:', w.name, w.code || '', w.message.split('\n')[0]));

const steps = [];
const fired = { timeout: [], swapped: [], enrolled: [] };
const done = () => console.log([...steps, ...fired.timeout, ...fired.swapped, ...fired.enrolled].join('\n'));

// A timeout given a _repeat becomes an interval; an interval given _repeat = null stops.
let runs = 0;
const t = setTimeout(() => {
  runs++;
  fired.timeout.push(`timeout run ${runs}: _repeat ${t._repeat} _idleTimeout ${t._idleTimeout}`);
  if (runs === 1) t._repeat = 2;
  else if (runs === 3) t._repeat = null;
}, 1);
steps.push(`fresh timeout: _repeat ${t._repeat} _idleTimeout ${t._idleTimeout} ${typeof t._onTimeout}`);

const i = setInterval(() => {}, 5);
steps.push(`fresh interval: _repeat ${i._repeat} _idleTimeout ${i._idleTimeout}`);
clearInterval(i);
steps.push(`cleared interval: _idleTimeout ${i._idleTimeout} _destroyed ${i._destroyed}`);

// An interval stops when its callback sets _idleTimeout to -1, replaces _onTimeout, or
// unenrolls it.
const stops = [];
for (const how of ['idle', 'onTimeout', 'unenroll']) {
  let count = 0;
  const handle = setInterval(() => {
    count++;
    if (how === 'idle') handle._idleTimeout = -1;
    else if (how === 'onTimeout') handle._onTimeout = null;
    else timers.unenroll(handle);
  }, 1);
  stops.push(() => `${how}: ran ${count}`);
}

// A replaced _onTimeout is what runs.
const swapped = setTimeout(() => fired.swapped.push('original callback'), 1);
swapped._onTimeout = function () { fired.swapped.push(`replacement callback, this is the handle: ${this === swapped}`); };

// enroll/active/unenroll: the item joins a list of its duration.
const item = { _onTimeout() { fired.enrolled.push('enrolled item fired'); } };
timers.enroll(item, 3);
timers.active(item);
steps.push(`active item: _idleTimeout ${item._idleTimeout} _idleStart is integer ${Number.isInteger(item._idleStart)}` +
  ` listed ${item._idleNext !== undefined && item._idleNext !== null && item._idlePrev._idleNext === item}`);
const other = { _onTimeout() { fired.enrolled.push('never'); } };
timers.enroll(other, 3);
timers.active(other);
steps.push(`same list: ${item._idlePrev === other && other._idleNext === item}`);
timers.unenroll(other);
steps.push(`unenrolled: _idleTimeout ${other._idleTimeout} next ${other._idleNext}`);
const bogus = { _idleTimeout: -1 };
timers.active(bogus);
steps.push(`bogus untouched: ${JSON.stringify(bogus)}`);
try { timers.enroll({}, -1); } catch (err) { steps.push(`enroll(-1): ${err.code}`); }
timers.enroll({}, 2 ** 31);

// scheduler: wait and yield; its class cannot be constructed.
try { new scheduler.constructor(); } catch (err) { steps.push(`new Scheduler: ${err.code}`); }
(async () => {
  await scheduler.yield();
  steps.push('yielded');
  await scheduler.wait(100);
  steps.push(...stops.map((f) => f()));
  steps.push('waited');
  try {
    await scheduler.wait(1000, { signal: AbortSignal.abort() });
  } catch (err) {
    steps.push(`aborted wait: ${err.code}`);
  }
  done();
})();
