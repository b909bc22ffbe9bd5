// A WriteStream whose write fails with EAGAIN (a non-blocking descriptor) or writes only part of
// a chunk writes the rest again, as Node's does; a write that finds the stream destroyed fails
// with ERR_STREAM_DESTROYED.
const fs = require('fs');
const path = require('path');
const { finished } = require('stream/promises');

const dir = fs.mkdtempSync('fsw-tmp-');
const file = path.join(dir, 'out.txt');
const seen = [];
const flaky = {
  open: fs.open,
  close: fs.close,
  write(fd, buffer, offset, length, position, callback) {
    seen.push(length);
    if (seen.length === 1) return callback(Object.assign(new Error('busy'), { code: 'EAGAIN' }), 0, buffer);
    // Then two bytes at a time.
    fs.write(fd, buffer, offset, Math.min(length, 2), position, callback);
  },
};
(async () => {
  const stream = fs.createWriteStream(file, { fs: flaky });
  stream.on('error', (e) => console.log('unexpected', e.message));
  stream.end('hello');
  await finished(stream);
  console.log('lengths asked', seen.join(' '), 'bytesWritten', stream.bytesWritten, 'file', fs.readFileSync(file, 'utf8'));

  const gone = fs.createWriteStream(file);
  Object.defineProperty(gone, 'destroyed', { get: () => true });
  gone.end('x');
  await finished(gone).then(() => console.log('finished'), (e) => console.log('rejected', e.code));
  fs.rmSync(dir, { recursive: true });
})();
