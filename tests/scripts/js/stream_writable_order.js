// Writable: when write callbacks, 'drain', 'prefinish', 'finish' and 'close' come (callbacks of
// synchronous writes are batched on the next tick), the error codes, and _writableState fields.
const { Writable } = require('stream');

const log = [];
const note = (what) => log.push(what);
const fields = (w) => {
  const s = w._writableState;
  return ['length', 'writing', 'needDrain', 'ending', 'ended', 'finished', 'pendingcb', 'bufferedRequestCount',
    'corked', 'destroyed', 'closed'].map((k) => `${k}=${s[k]}`).join(' ');
};

// 1. Synchronous _write: callbacks on the next tick, 'drain' just before them.
{
  const w = new Writable({
    highWaterMark: 3,
    write(chunk, encoding, cb) { note(`1 _write ${chunk} ${encoding}`); cb(); },
  });
  w.on('drain', () => note('1 drain: ' + fields(w)));
  w.on('prefinish', () => note('1 prefinish'));
  w.on('finish', () => note('1 finish: ' + fields(w)));
  w.on('close', () => note('1 close'));
  note('1 write ab -> ' + w.write('ab', () => note('1 cb ab')));
  note('1 write cd -> ' + w.write('cd', () => note('1 cb cd')));
  note('1 after writes: ' + fields(w));
  w.end(() => note('1 end cb'));
  note('1 after end: ' + fields(w));
  process.nextTick(() => note('1 tick queued after end'));
}

// 2. Asynchronous _write: later writes are buffered; cork() + uncork() hands them to _writev.
{
  const w = new Writable({
    write(chunk, encoding, cb) { note('2 _write ' + chunk); setTimeout(cb, 1); },
    writev(chunks, cb) { note('2 _writev ' + chunks.map((c) => c.chunk).join('+')); setTimeout(cb, 1); },
  });
  w.write('a');
  w.write('b');
  w.write('c');
  note('2 buffered: ' + fields(w));
  w.cork();
  note('2 corked ' + w.writableCorked);
  w.on('finish', () => note('2 finish'));
  setTimeout(() => {
    w.write('d');
    w.write('e');
    w.uncork();
    w.end();
  }, 10);
}

// 3. Error codes: write after end, null, a number, a callback called twice, write after destroy.
{
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.on('error', (e) => note('3 error ' + e.code));
  w.end();
  w.write('late', (err) => note('3 write cb ' + err.code));
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  for (const bad of [null, 42]) {
    try { w2.write(bad); } catch (e) { note(`3 throws ${e.name} ${e.code}`); }
  }
  const w3 = new Writable({ write(c, e, cb) { cb(); cb(); } });
  w3.on('error', (e) => note('3 w3 error ' + e.code));
  w3.write('x');
  const w4 = new Writable({ write(c, e, cb) { cb(); } });
  w4.on('error', () => note('3 w4 error (not expected)'));
  w4.on('close', () => note('3 w4 close'));
  w4.destroy();
  w4.write('x', (err) => note('3 w4 write cb ' + err.code));
  w4.end((err) => note('3 w4 end cb ' + (err && err.code)));
}

// 4. _final runs before 'prefinish'/'finish'; an error from it is 'error', then 'close'.
{
  const w = new Writable({
    write(c, e, cb) { cb(); },
    final(cb) { note('4 _final'); setTimeout(() => cb(new Error('final failed')), 1); },
  });
  w.on('prefinish', () => note('4 prefinish (not expected)'));
  w.on('error', (e) => note('4 error ' + e.message + ' errored=' + (w.errored === e)));
  w.on('close', () => note('4 close'));
  w.end('z');
}

// 5. objectMode keeps the encoding it was given (none by default); decodeStrings: false keeps strings.
{
  const o = new Writable({ objectMode: true, write(c, e, cb) { note(`5 object ${typeof c} ${e}`); cb(); } });
  o.write('s');
  o.write({});
  const t = new Writable({ decodeStrings: false, write(c, e, cb) { note(`5 text ${typeof c} ${e}`); cb(); } });
  t.write('s', 'latin1');
  t.write(new Uint8Array([1]));
}

// Printed once everything has run (timers included).
// Sections run side by side, and how their timers interleave depends on the machine's speed:
// the lines are printed grouped by section, each section's lines in the order they came.
process.on('exit', () => {
  const bySection = log.map((line, index) => [parseInt(line, 10), index, line]);
  bySection.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, , line] of bySection) console.log(line);
});
