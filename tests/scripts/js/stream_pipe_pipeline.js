// pipe() back-pressure (awaitDrainWriters, pipes), unpipe, pipeline/finished errors, compose,
// Duplex.from, duplexPair, Transform flush order, Readable.from and addAbortSignal.
const { Readable, Writable, Duplex, PassThrough, Transform, pipeline, finished, compose, addAbortSignal, duplexPair } = require('stream');

const log = [];
const note = (what) => log.push(what);

// 1. A slow writer pauses the source until 'drain'; the source records whom it waits for.
{
  const src = new Readable({ read() {} });
  const chunks = [];
  const slow = new Writable({
    highWaterMark: 1,
    write(c, e, cb) { chunks.push(String(c)); setTimeout(cb, 1); },
  });
  src.pipe(slow);
  note('1 pipes ' + src._readableState.pipes.length + ' flowing ' + src.readableFlowing);
  src.push('a');
  src.push('b');
  src.push(null);
  setTimeout(() => note('1 waiting for drain: ' + (src._readableState.awaitDrainWriters === slow) + ' paused ' + src.isPaused()), 0);
  slow.on('finish', () => note('1 finish ' + chunks.join(',') + ' pipes ' + src._readableState.pipes.length));
}

// 2. unpipe(): 'unpipe' on the destination, the source pauses.
{
  const src = new Readable({ read() {} });
  const dst = new PassThrough();
  dst.on('pipe', (s) => note('2 pipe event ' + (s === src)));
  dst.on('unpipe', (s) => note('2 unpipe event ' + (s === src)));
  src.pipe(dst);
  src.unpipe(dst);
  note('2 after unpipe: pipes ' + src._readableState.pipes.length + ' flowing ' + src.readableFlowing);
}

// 3. pipeline: a failing stage destroys the others; the callback runs once, later.
{
  const src = new Readable({ read() {} });
  const bad = new Transform({ transform(c, e, cb) { cb(new Error('transform failed')); } });
  const sink = new PassThrough();
  sink.on('close', () => note('3 sink closed, destroyed ' + sink.destroyed));
  pipeline(src, bad, sink, (err) => note('3 pipeline: ' + err.message + ' src destroyed ' + src.destroyed));
  src.push('x');
}

// 4. finished: a premature close, and a clean end.
{
  const r = new Readable({ read() {} });
  finished(r, (err) => note('4 finished early: ' + err.code));
  r.destroy();
  const ok = new Readable({ read() {} });
  finished(ok, (err) => note('4 finished clean: ' + err));
  ok.resume();
  ok.push(null);
}

// 5. Transform: _flush output comes before 'end'; 'finish' before 'end' of the readable side.
{
  const t = new Transform({
    transform(c, e, cb) { cb(null, String(c).toUpperCase()); },
    flush(cb) { note('5 flush'); cb(null, '!'); },
  });
  const out = [];
  t.on('data', (c) => out.push(String(c)));
  t.on('finish', () => note('5 finish'));
  t.on('end', () => note('5 end ' + out.join('')));
  t.on('close', () => note('5 close'));
  t.end('hi');
}

// 6. compose, Duplex.from(async generator), duplexPair, Readable.from.
{
  const upper = compose(
    new PassThrough(),
    async function* (source) { for await (const c of source) yield String(c).toUpperCase(); },
  );
  const got = [];
  upper.on('data', (c) => got.push(String(c)));
  upper.on('end', () => note('6 compose ' + got.join('')));
  upper.write('ab');
  upper.end('c');

  const [a, b] = duplexPair();
  b.on('data', (c) => note('6 pair got ' + c));
  a.write('ping');

  Readable.from(['x', 'y']).toArray().then((all) => note('6 from ' + all.join('')));
  const d = Duplex.from(async function* (source) { for await (const c of source) yield c * 2; });
  d.on('data', (n) => note('6 doubled ' + n));
  d.end(21);
  d.on('error', (e) => note('6 d error ' + e.message));
}

// 7. addAbortSignal: aborting destroys the stream with an AbortError.
{
  const controller = new AbortController();
  const r = addAbortSignal(controller.signal, new Readable({ read() {} }));
  r.on('error', (e) => note('7 error ' + e.name + ' ' + e.code));
  r.on('close', () => note('7 close'));
  controller.abort();
}

// Printed once everything has run (timers included).
// Sections run side by side, and how their timers interleave depends on the machine's speed:
// the lines are printed grouped by section, each section's lines in the order they came.
process.on('exit', () => {
  const bySection = log.map((line, index) => [parseInt(line, 10), index, line]);
  bySection.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, , line] of bySection) console.log(line);
});
