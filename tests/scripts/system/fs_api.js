// fs: synchronous API, encodings, descriptors, directories and Node-style errors.
import fs, { readFileSync, writeFileSync, appendFileSync, readdirSync, mkdirSync, rmSync, openSync, readSync, writeSync, closeSync, fstatSync, copyFileSync, truncateSync, realpathSync, mkdtempSync, existsSync, statSync, unlinkSync, utimesSync, constants } from 'fs';
import { Buffer } from 'buffer';

const dir = 'fs_api_tmp';
rmSync(dir, { recursive: true, force: true });
print('mkdir recursive returns first created:', mkdirSync(dir + '/a/b', { recursive: true }) === dir);
print('mkdir existing recursive:', mkdirSync(dir + '/a', { recursive: true }));

const file = dir + '/text.txt';
writeFileSync(file, 'héllo\n');
appendFileSync(file, Buffer.from('world\n'));
appendFileSync(file, new Uint8Array([0x21, 0x0a]));
const buf = readFileSync(file);
print('Buffer:', Buffer.isBuffer(buf), buf.length, JSON.stringify(buf.toString()));
print('utf8:', JSON.stringify(readFileSync(file, 'utf8')));
print('options:', readFileSync(file, { encoding: 'hex' }).slice(0, 12), readFileSync(file, { encoding: 'base64' }).slice(0, 8));
writeFileSync(file, 'aGk=', 'base64');
print('written base64:', readFileSync(file, 'latin1'));
try { writeFileSync(file, 'x', { flag: 'wx' }); } catch (e) { print(e.code, e.syscall, e.message); }

// Descriptors.
const fd = openSync(file, 'r+');
print('fstat size:', fstatSync(fd).size);
print('writeSync string at 2:', writeSync(fd, '!!', 2));
const into = Buffer.alloc(8);
print('readSync at 0:', readSync(fd, into, 0, 8, 0), JSON.stringify(into.toString('latin1', 0, 4)));
print('readSync options:', readSync(fd, into, { offset: 1, length: 2, position: 1 }), into[1], into[2]);
print('readSync current position:', readSync(fd, into, 0, 8, null));
try { readSync(fd, into, 6, 10, 0); } catch (e) { print('out of range:', e.name); }
closeSync(fd);
try { closeSync(fd); } catch (e) { print(e.code, e.syscall, e.message); }
try { fs.fstatSync(-1); } catch (e) { print(e.name, e.code); }
try { openSync('no-such-dir/file', 'r'); } catch (e) { print(e.code, e.errno, e.syscall, e.path); }

// Directories.
writeFileSync(dir + '/a/one.txt', '1');
const entries = readdirSync(dir, { withFileTypes: true }).map((d) => `${d.name}:${d.isDirectory() ? 'dir' : d.isFile() ? 'file' : '?'}`);
print('readdir withFileTypes:', entries.join(' '));
print('readdir:', readdirSync(dir).join(' '));
print('readdir recursive:', readdirSync(dir, { recursive: true }).sort().join(' '));
try { readdirSync(file); } catch (e) { print(e.code, e.syscall); }
try { fs.rmdirSync(dir + '/a'); } catch (e) { print(e.code, e.syscall); }
try { rmSync(dir + '/a'); } catch (e) { print(e.code, e.syscall); }
try { mkdirSync(dir + '/a'); } catch (e) { print(e.code, e.message); }
rmSync(dir + '/missing', { force: true });
print('rm force on missing: ok');

// Copy, truncate, times, realpath, mkdtemp, unlink.
copyFileSync(file, dir + '/copy.txt');
print('copy:', readFileSync(dir + '/copy.txt', 'utf8'));
try { copyFileSync(file, dir + '/copy.txt', constants.COPYFILE_EXCL); } catch (e) { print(e.code, e.syscall, e.message); }
truncateSync(dir + '/copy.txt', 1);
print('truncate:', statSync(dir + '/copy.txt').size);
utimesSync(dir + '/copy.txt', new Date(1e12), 1e9 + 0.5);
const times = statSync(dir + '/copy.txt');
print('utimes:', times.atimeMs, times.mtimeMs, times.mtime.toISOString());
print('realpath absolute:', realpathSync(dir + '/a/../copy.txt').endsWith('/fs_api_tmp/copy.txt'));
const temp = mkdtempSync(dir + '/tmp-');
print('mkdtemp:', temp.length === (dir + '/tmp-').length + 6, statSync(temp).isDirectory());
unlinkSync(dir + '/copy.txt');
print('unlinked:', existsSync(dir + '/copy.txt'));
try { unlinkSync(dir + '/copy.txt'); } catch (e) { print(e.message); }
try { fs.accessSync('no-such-file', fs.constants.R_OK); } catch (e) { print(e.message); }
try { readFileSync(42n); } catch (e) { print(e.name, e.code); }

rmSync(dir, { recursive: true });
print('cleaned:', existsSync(dir));
