// Details of fs that programs which wrap the module rely on:
// - writeFile/appendFile with `flush: true` go through the module's own fsync/fsyncSync, so a
//   wrapper installed on `fs` sees the call (and `flush: false` makes none);
// - a ReadStream made with `autoClose: false` only reports a failed read: it stays open and is
//   not destroyed;
// - a stream's deprecated `open()` warns once (DEP0135) and opens nothing; a replaced `open()`
//   is what opens the stream;
// - a number is not a path for createReadStream/createWriteStream, and `new fs.Dir()` is refused.
const fs = require('fs');
const path = require('path');

const dir = fs.mkdtempSync('fsd-tmp-');
const file = path.join(dir, 'data.txt');
const calls = [];
const { fsync, fsyncSync } = fs;
fs.fsyncSync = (fd) => { calls.push(['fsyncSync', typeof fd]); return fsyncSync(fd); };
fs.fsync = (fd, cb) => { calls.push(['fsync', typeof fd, typeof cb]); return fsync(fd, cb); };

fs.writeFileSync(file, 'one', { flush: true });
fs.appendFileSync(file, '+two', { flush: true });
fs.writeFileSync(path.join(dir, 'other.txt'), 'x', { flush: false });
console.log('sync', JSON.stringify(calls), fs.readFileSync(file, 'utf8'));
calls.length = 0;

fs.writeFile(file, 'three', { flush: true }, (error) => {
  console.log('writeFile', error, JSON.stringify(calls), fs.readFileSync(file, 'utf8'));
  calls.length = 0;
  fs.appendFile(file, '+four', { flush: null }, (error) => {
    console.log('appendFile', error, JSON.stringify(calls), fs.readFileSync(file, 'utf8'));
    fs.fsync = fsync;
    fs.fsyncSync = fsyncSync;
    streams();
  });
});

function streams() {
  process.on('warning', (warning) => console.log('warning', warning.name, warning.code, warning.message));

  const unclosed = fs.createReadStream(null, { fd: 987654, autoClose: false });
  unclosed.on('data', () => console.log('unexpected data'));
  unclosed.on('error', (error) => {
    console.log('read error', error.code);
    setImmediate(() => {
      console.log('after error: closed', unclosed.closed, 'destroyed', unclosed.destroyed, 'fd', unclosed.fd);
      openers();
    });
  });
}

function openers() {
  const quiet = fs.createReadStream(file);
  quiet.open();
  quiet.open();
  quiet.on('data', (chunk) => console.log('read', chunk.toString()));

  class Patched extends fs.ReadStream {
    open() {
      console.log('patched open');
      fs.open(this.path, 'r', (error, fd) => {
        this.fd = fd;
        this.emit('open', fd);
      });
    }
  }
  quiet.on('end', () => {
    new Patched(file).on('data', (chunk) => console.log('patched read', chunk.toString())).on('close', refusals);
  });
}

function refusals() {
  for (const make of [() => fs.createReadStream(46), () => fs.createWriteStream(46), () => new fs.Dir()]) {
    try {
      make();
    } catch (error) {
      console.log(error.code, error.message);
    }
  }
  setTimeout(() => fs.rmSync(dir, { recursive: true }), 50);
}
