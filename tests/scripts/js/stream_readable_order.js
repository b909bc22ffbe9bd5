// Readable: which events come at once and which on a later tick, in Node's order, and the
// _readableState fields that packages read along the way.
const { Readable } = require('stream');

const log = [];
const note = (what) => log.push(what);
const fields = (r) => {
  const s = r._readableState;
  return ['flowing', 'ended', 'endEmitted', 'reading', 'length', 'needReadable', 'emittedReadable',
    'readableListening', 'resumeScheduled', 'destroyed', 'closed'].map((k) => `${k}=${s[k]}`).join(' ');
};

// 1. Pushed before any consumer, then read in flowing mode: 'resume' and data on a later tick.
{
  const r = new Readable({ read() {} });
  r.push('a');
  r.push('b');
  r.push(null);
  note('1 after push: ' + fields(r));
  r.on('data', (c) => note('1 data ' + c));
  r.on('resume', () => note('1 resume'));
  r.on('end', () => note('1 end'));
  r.on('close', () => note('1 close: ' + fields(r)));
  note('1 after on(data): ' + fields(r));
  process.nextTick(() => note('1 tick queued after on(data)'));
  Promise.resolve().then(() => note('1 microtask'));
}

// 2. Paused mode: one 'readable' for what is buffered, read() to drain, then 'end'.
{
  const r = new Readable({ read() {} });
  r.on('readable', () => {
    note('2 readable: ' + fields(r));
    let chunk;
    while ((chunk = r.read()) !== null) note('2 read ' + chunk);
  });
  r.on('end', () => note('2 end'));
  r.push('x');
  r.push('y');
  r.push(null);
}

// 3. An asynchronous push to a flowing, empty stream is emitted at once (synchronously).
{
  const r = new Readable({ read() {} });
  r.on('data', (c) => note('3 data ' + c));
  setTimeout(() => {
    note('3 before push');
    r.push('late');
    note('3 after push');
    r.push(null);
  }, 1);
}

// 4. highWaterMark and the return value of push(); read(n) and objectMode.
{
  const r = new Readable({ highWaterMark: 4, read() {} });
  note('4 push abc -> ' + r.push('abc'));
  note('4 push de -> ' + r.push('de'));
  note('4 length ' + r.readableLength + ' read(2) ' + r.read(2) + ' length ' + r.readableLength);
  const o = new Readable({ objectMode: true, read() {} });
  o.push({ n: 1 });
  o.push(0);
  note('4 objectMode length ' + o.readableLength + ' hwm ' + o.readableHighWaterMark);
}

// 5. Errors: push after EOF, an invalid chunk, and destroy(err): 'error' then 'close', next tick.
{
  const r = new Readable({ read() {} });
  r.on('error', (e) => note(`5 error ${e.code}: ${e.message}`));
  r.on('close', () => note('5 close errored=' + (r.errored && r.errored.code)));
  r.push(null);
  r.push('more');
  const r2 = new Readable({ read() {} });
  r2.on('error', (e) => note(`5 error ${e.code}`));
  r2.push(42);
  const r3 = new Readable({ read() {} });
  r3.on('error', (e) => note('5 r3 error ' + e.message + ' destroyed=' + r3.destroyed));
  r3.on('close', () => note('5 r3 close'));
  r3.destroy(new Error('boom'));
  note('5 r3 destroyed at once: ' + r3.destroyed + ' closed=' + r3.closed);
}

// 6. pause()/resume() and isPaused(); setEncoding with split multi-byte characters.
{
  const r = new Readable({ read() {} });
  note('6 isPaused ' + r.isPaused() + ' flowing ' + r.readableFlowing);
  r.pause();
  note('6 after pause ' + r.isPaused() + ' flowing ' + r.readableFlowing);
  r.resume();
  note('6 after resume ' + r.isPaused() + ' flowing ' + r.readableFlowing + ' scheduled ' + r._readableState.resumeScheduled);
  const e = new Readable({ read() {} });
  e.setEncoding('utf8');
  const euro = Buffer.from('€');
  e.push(euro.subarray(0, 1));
  e.push(euro.subarray(1));
  e.push(null);
  e.on('data', (s) => note('6 text ' + JSON.stringify(s) + ' ' + typeof s));
}

// Printed once everything has run (timers included).
// Sections run side by side, and how their timers interleave depends on the machine's speed:
// the lines are printed grouped by section, each section's lines in the order they came.
process.on('exit', () => {
  const bySection = log.map((line, index) => [parseInt(line, 10), index, line]);
  bySection.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, , line] of bySection) console.log(line);
});
