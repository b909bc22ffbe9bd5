// process: the global and the module are the same object; Node-like fields and functions.
import process, { argv, env, platform, arch, version, nextTick, hrtime, cwd } from 'process';
import * as ns from 'process';

print('same object:', process === globalThis.process, ns.default === process);
print('argv:', JSON.stringify(argv), argv === globalThis.args);
print('env is global env:', env === globalThis.env, typeof env);
print('platform/arch/version:', platform, arch, version, process.versions.node);
print('nextTick is global:', nextTick === globalThis.nextTick);
print('types:', typeof process.pid, typeof process.ppid, typeof process.title, typeof process.execPath, process.argv0);
print('cwd absolute:', cwd().startsWith('/'), process.cwd() === cwd());
const t = hrtime();
print('hrtime:', Array.isArray(t), t.length, typeof hrtime.bigint());
const d = hrtime(t);
print('hrtime diff small:', d[0] === 0 && d[1] >= 0);
print('uptime:', process.uptime() >= 0);
const mem = process.memoryUsage();
print('memoryUsage:', Object.keys(mem).join(','), typeof mem.rss, typeof process.memoryUsage.rss());
print('events:', process.on('exit', () => {}) === process, process.once('SIGINT', () => {}) === process, process.emit('x'), process.listeners('x').length);
print('umask:', process.umask(), 'features:', typeof process.features, 'config:', typeof process.config);
try { process.binding('fs'); } catch (e) { print('binding:', e.message); }
try { process.chdir('no-such-dir'); } catch (e) { print('chdir:', e.code, e.syscall); }
print('stdout.write:', process.stdout.write('written by process.stdout\n'));
process.stdout.write(new TextEncoder().encode('bytes too\n'));
process.stderr.write('to stderr\n');
process.emitWarning('careful', 'DeprecationWarning');
Promise.resolve().then(() => print('microtask'));
process.nextTick((a) => print('tick', a), 1);
process.exitCode = 3;
setTimeout(() => { print('exit with exitCode'); process.exit(); print('not reached'); }, 1);
