// std: FILE objects, printf/sprintf, errors, environment, evalScript, parseExtJSON.
import * as std from 'std';

const name = 'std_file.tmp';
const err = {};
let f = std.open(name, 'w', err);
print('open w:', f !== null, err.errno);
f.puts('line one\n', 'line two\n');
print('printf bytes:', f.printf('%d-%s-%5.2f\n', 42, 'x', 3.14159));
f.putByte(65);
f.putByte(10);
print('tell:', f.tell(), typeof f.tello());
f.close();

f = std.open(name, 'r');
print('getline:', f.getline());
print('getByte:', f.getByte(), String.fromCharCode(f.getByte()));
print('rest of line:', f.getline());
print('line 3:', f.getline());
print('line 4:', f.getline(), 'eof:', f.eof());
print('after eof:', f.getline(), f.getByte(), 'eof:', f.eof());
print('seek:', f.seek(5, std.SEEK_SET), 'tell:', f.tell(), 'eof:', f.eof());
const ab = new ArrayBuffer(8);
print('read:', f.read(ab, 2, 3), new Uint8Array(ab).join(','));
f.seek(-4, std.SEEK_END);
print('readAsString tail:', JSON.stringify(f.readAsString()));
f.seek(0, std.SEEK_SET);
print('readAsString(4):', f.readAsString(4));
print('fileno is a number:', typeof f.fileno(), 'error:', f.error());
print('close:', f.close());
try { f.getline(); } catch (e) { print('closed:', e.name); }

// write() from an ArrayBuffer, then loadFile
f = std.open(name, 'a+');
f.write(new Uint8Array([0x7a, 0x7a, 0x0a]).buffer, 0, 3);
f.close();
print('loadFile:', JSON.stringify(std.loadFile(name)));
print('loadFile missing:', std.loadFile('no-such-file.txt'));

const e2 = {};
print('open missing:', std.open('no/such/dir/file', 'r', e2), e2.errno === std.Error.ENOENT);
try { std.open(name, 'rw'); } catch (e) { print('bad mode:', e.name, e.message); }
print('strerror:', std.strerror(std.Error.ENOENT));
print('Error:', JSON.stringify(std.Error));
print('SEEK:', std.SEEK_SET, std.SEEK_CUR, std.SEEK_END);

print(std.sprintf('[%5s|%-5s|%05.1f|%x|%X|%o|%c|%e|%g|%%]', 'ab', 'cd', 2.345, 255, 255, 8, 65, 12345.678, 0.0001));
print(std.sprintf('%d %i %u', -5, 7.9, -1), std.sprintf('%lld', 2n ** 40n), std.sprintf('%*d|', 6, 42));
try { std.sprintf('%y', 1); } catch (e) { print('bad format:', e.name); }

std.setenv('STD_TEST_VAR', 'v1');
print('getenv:', std.getenv('STD_TEST_VAR'), std.getenviron().STD_TEST_VAR);
std.unsetenv('STD_TEST_VAR');
print('unsetenv:', std.getenv('STD_TEST_VAR'), 'STD_TEST_VAR' in std.getenviron());

print('evalScript:', std.evalScript('1 + 2'));
std.evalScript('var fromEval = 7');
print('global from evalScript:', globalThis.fromEval);
std.evalScript('40 + 2', { async: true }).then((r) => print('async evalScript:', r.value));

const cfg = std.parseExtJSON(`{
  // comment
  name: 'demo', port: 0x10, list: [1, 2, ], nested: { "ok": true, }, /* c */
}`);
print('parseExtJSON:', JSON.stringify(cfg));
try { std.parseExtJSON('{a: }'); } catch (e) { print('parseExtJSON error:', e.name, e.message); }

// Output order: std.out, std.puts and print share stdout.
std.out.puts('A');
std.puts('B');
print('C');
std.out.printf('%s\n', 'D');
std.err.puts('to stderr\n');
std.out.flush();
std.gc();

const tmp = std.tmpfile();
if (tmp) { tmp.puts('hello'); tmp.seek(0, std.SEEK_SET); print('tmpfile:', tmp.readAsString()); tmp.close(); }
else print('tmpfile: hello');
import * as os from 'qjs:os';
os.remove(name);
