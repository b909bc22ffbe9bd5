// The behaviour of the reference's example_js/fs.js, on fixed fixture files (values that depend
// on the machine, such as inode numbers and times, are checked instead of printed).
import { mkdirSync, statSync, lstatSync, rmdirSync, accessSync, existsSync, rmSync, renameSync, openSync, read, readFileSync } from 'fs';
import { constants } from 'fs';

print('\nfs.statSync\nExisted File:');
let s = statSync('fixture.md');
print(Object.keys(s).join(','));
print('size:', s.size, 'isFile:', s.isFile(), 'isDirectory:', s.isDirectory(), 'mtime is a Date:', s.mtime instanceof Date);
print('JSON keys:', Object.keys(JSON.parse(JSON.stringify(s))).length);

print('\nExisted File with BigInt:');
s = statSync('fixture.md', { bigint: true });
for (const [key, val] of Object.entries(s)) {
  if (key === 'size') print(key, ': ', val);
  else print(key, ': ', typeof val);
}
print('isFile : ', s.isFile());

print('\nNon-existed File');
try {
  statSync('non-exist.file');
} catch (err) {
  print(err.name);
  print(typeof err.stack);
  print(err.message);
  print(err.code, err.errno, err.syscall, err.path);
}

print('\nNon-existed File No Throw');
print(statSync('non-exist.file', { throwIfNoEntry: false }));

print('\nfs.constants:');
const { F_OK, O_WRONLY } = constants;
print('F_OK: ', F_OK);
print('O_WRONLY: ', O_WRONLY);

print('\nfs.lstatSync\nExisted File:');
print(lstatSync('fixture.md').isFile(), lstatSync('.').isDirectory());
try { lstatSync('non-exist.file'); } catch (err) { print(err.message); }
print(lstatSync('non-exist.file', { throwIfNoEntry: false }));

print('\nmkdir: ./tmpdir');
mkdirSync('./tmpdir');
print('access: ./tmpdir');
accessSync('./tmpdir');
print('rmdir: ./tmpdir');
rmdirSync('./tmpdir');
print('exist: ./tmpdir');
print(existsSync('./tmpdir'));

print('\nmkdir recursive: ./tmpdir/subdir');
mkdirSync('./tmpdir/subdir', { recursive: true });
print('access: ./tmpdir/subdir');
accessSync('./tmpdir/subdir');
print('rm recursive: ./tmpdir');
rmSync('./tmpdir', { recursive: true });
print('exist: ./tmpdir');
print(existsSync('./tmpdir'));

print('\nrename fixture.md to test.md');
renameSync('./fixture.md', './test.md');
print('exist: ./test.md');
print(existsSync('./test.md'));
renameSync('./test.md', './fixture.md');

let fd = openSync('./fixture.md');
print(typeof fd);
read(fd, { length: 20 }, (err, len, buf) => {
  print(err);
  print(len);
  print(buf.length, JSON.stringify(buf.toString().slice(0, 22)));
});

print(readFileSync('./fixture.toml', 'utf-8'));
