// qjs:os: descriptor I/O, directories, stat, errno conventions, time.
import * as os from 'qjs:os';
import * as std from 'std';

const dir = 'qjs_os_tmp';
// Leftovers of an interrupted earlier run.
for (const name of ['a.txt', 'b.txt', 'c.txt']) os.remove(dir + '/' + name);
os.remove(dir);
print('mkdir:', os.mkdir(dir), 'again:', os.mkdir(dir) === -std.Error.EEXIST);
const file = dir + '/a.txt';
let fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644);
print('open fd >= 3:', fd >= 3);
const data = new TextEncoder().encode('hello, os module\n');
print('write:', os.write(fd, data.buffer, 0, data.length));
print('seek end:', os.seek(fd, 0, os.SEEK_END), 'bigint seek:', typeof os.seek(fd, 0n, os.SEEK_CUR));
print('close:', os.close(fd), 'close again:', os.close(fd) === -std.Error.EBADF);

fd = os.open(file, os.O_RDONLY);
const buf = new Uint8Array(32);
const n = os.read(fd, buf.buffer, 2, 5);
print('read:', n, String.fromCharCode(...buf.slice(2, 2 + n)));
print('seek set:', os.seek(fd, 7, os.SEEK_SET), 'read rest:', os.read(fd, buf.buffer, 0, 32));
try { os.read(fd, buf.buffer, 30, 10); } catch (e) { print('overflow:', e.name); }
os.close(fd);
print('open missing:', os.open('no-such-dir/x', os.O_RDONLY) === -std.Error.ENOENT);

const [st, err] = os.stat(file);
print('stat err:', err, 'size:', st.size, 'isreg:', (st.mode & os.S_IFMT) === os.S_IFREG, 'mtime ms:', st.mtime > 1e12);
const [dst] = os.stat(dir);
print('dir isdir:', (dst.mode & os.S_IFMT) === os.S_IFDIR);
const [missing, errno] = os.stat('no-such-file');
print('stat missing:', missing, errno === std.Error.ENOENT);
print('lstat:', os.lstat(file)[1]);

print('utimes:', os.utimes(file, 1000000000000, 1000000000000), 'mtime:', os.stat(file)[0].mtime);
os.open(dir + '/b.txt', os.O_CREAT | os.O_WRONLY);
const [names, rerr] = os.readdir(dir);
print('readdir:', rerr, names.sort().join(','));
print('readdir missing:', os.readdir('no-such-dir')[1] === std.Error.ENOENT);
print('rename:', os.rename(dir + '/b.txt', dir + '/c.txt'), os.readdir(dir)[0].sort().join(','));
const [real, realErr] = os.realpath(file);
print('realpath:', realErr, real.endsWith('/qjs_os_tmp/a.txt'), real.startsWith('/'));
const [cwd, cwdErr] = os.getcwd();
print('getcwd:', cwdErr, typeof cwd);
print('remove non-empty dir:', os.remove(dir) < 0);
print('remove files:', os.remove(file), os.remove(dir + '/c.txt'), 'dir:', os.remove(dir));
print('remove missing:', os.remove(dir) === -std.Error.ENOENT);

print('isatty(99):', os.isatty(99), 'platform:', os.platform);
print('constants:', os.O_RDONLY, os.O_WRONLY, os.O_RDWR, os.O_CREAT, os.O_EXCL, os.O_TRUNC, os.O_APPEND, os.S_IFMT, os.SIGINT, os.SIGTERM);
print('stubs:', os.signal(os.SIGINT, null), os.setReadHandler(0, null), os.ttySetRaw(0), os.ttyGetWinSize(99));

const t0 = os.now();
os.sleep(20);
print('sleep blocked:', os.now() - t0 >= 19);
const order = [];
os.setTimeout(() => order.push('os.setTimeout'), 5);
const cancelled = os.setTimeout(() => order.push('cancelled'), 1);
os.clearTimeout(cancelled);
await os.sleepAsync(30);
order.push('sleepAsync');
print('order:', order.join(', '));
