// fs: callback forms, fs.promises / 'fs/promises', FileHandle and streams.
import * as fs from 'fs';
import fsp from 'fs/promises';
import { readFile as readFileP, stat as statP } from 'fs/promises';

const dir = 'fs_async_tmp';
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir);
const file = dir + '/data.txt';

const done = new Promise((resolve) => {
  fs.writeFile(file, 'callback data\n', (err) => {
    print('writeFile cb:', err);
    fs.readFile(file, 'utf8', (err, text) => {
      print('readFile cb:', err, JSON.stringify(text));
      fs.stat(file, (err, st) => {
        print('stat cb:', err, st.size, st.isFile());
        fs.stat('missing.txt', (err, st) => {
          print('stat cb error:', err.code, st);
          fs.exists(file, (yes) => {
            print('exists cb:', yes);
            fs.open(file, 'r', (err, fd) => {
              const buffer = Buffer.alloc(8);
              fs.read(fd, buffer, 0, 8, 0, (err, n, buf) => {
                print('read cb:', err, n, buf === buffer, buf.toString());
                fs.write(fd, 'x', (err) => {
                  print('write on read-only fd fails:', err !== null);
                  fs.close(fd, (err) => {
                    print('close cb:', err);
                    resolve();
                  });
                });
              });
            });
          });
        });
      });
    });
  });
});
print('callbacks are asynchronous');
await done;

print('fs.promises is fs/promises:', fs.promises.readFile === fsp.readFile && readFileP === fsp.readFile);
await fsp.writeFile(file, 'promise data');
await fsp.appendFile(file, '!');
print('promises readFile:', await readFileP(file, 'utf8'));
print('promises stat:', (await statP(file)).size);
try { await fsp.readFile('missing.txt'); } catch (e) { print('promises reject:', e.code, e.syscall); }
print('promises readdir:', (await fsp.readdir(dir)).join(','));

const handle = await fsp.open(file, 'r+');
print('FileHandle fd:', typeof handle.fd);
const { bytesRead, buffer } = await handle.read(Buffer.alloc(7), 0, 7, 0);
print('FileHandle read:', bytesRead, buffer.toString());
print('FileHandle write:', (await handle.write('PROMISE', 0)).bytesWritten);
print('FileHandle stat:', (await handle.stat()).size);
await handle.close();
print('after write:', fs.readFileSync(file, 'utf8'));

// Streams.
const big = 'line\n'.repeat(30000);
fs.writeFileSync(dir + '/big.txt', big);
await new Promise((resolve, reject) => {
  let total = 0;
  let chunks = 0;
  const stream = fs.createReadStream(dir + '/big.txt');
  stream.on('data', (chunk) => { total += chunk.length; chunks += 1; });
  stream.on('error', reject);
  stream.on('end', () => { print('ReadStream:', total, chunks > 1); resolve(); });
});
await new Promise((resolve) => {
  const out = fs.createWriteStream(dir + '/out.txt');
  out.write('first ');
  out.write(Buffer.from('second '));
  out.end('third', () => {
    print('WriteStream:', fs.readFileSync(dir + '/out.txt', 'utf8'));
    resolve();
  });
});
await new Promise((resolve) => {
  const partial = fs.createReadStream(dir + '/big.txt', { start: 5, end: 9, encoding: 'utf8' });
  let text = '';
  partial.on('data', (chunk) => { text += chunk; });
  partial.on('end', () => { print('ReadStream range:', JSON.stringify(text)); resolve(); });
});
const missing = fs.createReadStream(dir + '/missing.txt');
await new Promise((resolve) => missing.on('error', (e) => { print('ReadStream error:', e.code); resolve(); }));

await fsp.rm(dir, { recursive: true });
print('cleaned:', fs.existsSync(dir));
