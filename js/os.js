// Module `os`: everything `qjs:os` exports, plus Node's `os` functions. A local export with the
// same name as one of `qjs:os` (`platform`) wins over the star re-export, as ES modules specify:
// `os.platform` is Node's function here, the string stays available from 'qjs:os'.
//
// Facts a WASI program cannot learn are fixed and documented in docs/system-modules.md: the
// platform is 'wasi', the CPU list is empty, the load average is zero.
import * as qjsOs from 'qjs:os';

export * from 'qjs:os';

const env = globalThis.env || {};
const proc = globalThis.process;

export const EOL = '\n';
export const devNull = '/dev/null';

export function arch() { return 'wasm32'; }
export function machine() { return 'wasm32'; }
export function platform() { return 'wasi'; }
// As the reference runtime answers (there is no kernel to ask).
export function type() { return 'wasmedge'; }
export function release() { return proc ? proc.version : 'v16.8.0'; }
export function version() { return release(); }
export function endianness() { return 'LE'; }
export function hostname() { return env.HOSTNAME || 'wasmedge_boa'; }
export function homedir() { return env.HOME || '.'; }
export function tmpdir() {
  let dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (dir.length > 1 && dir.endsWith('/')) dir = dir.slice(0, -1);
  return dir;
}

// A wasm32 program can address at most 4 GiB.
const TOTAL_MEMORY = 2 ** 32;
export function totalmem() { return TOTAL_MEMORY; }
export function freemem() {
  const used = proc ? proc.memoryUsage.rss() : 0;
  return Math.max(0, TOTAL_MEMORY - used);
}

export function uptime() { return proc ? proc.uptime() : qjsOs.now() / 1000; }
export function loadavg() { return [0, 0, 0]; }
// No CPU information is available to a WASI program: an empty list (Node's own answer when it
// cannot read /proc), rather than an exception.
export function cpus() { return []; }
export function availableParallelism() { return 1; }
export function networkInterfaces() { return {}; }
export function getPriority() { return 0; }
export function setPriority() {}

export function userInfo(options) {
  const asBuffer = options && options.encoding === 'buffer' && globalThis.Buffer;
  const text = (s) => (asBuffer ? globalThis.Buffer.from(s) : s);
  return {
    uid: -1,
    gid: -1,
    username: text(env.USER || env.LOGNAME || 'wasmedge'),
    homedir: text(homedir()),
    shell: env.SHELL ? text(env.SHELL) : null,
  };
}

const signals = {};
for (const name of Object.keys(qjsOs)) {
  if (name.startsWith('SIG')) signals[name] = qjsOs[name];
}

export const constants = Object.freeze({
  signals: Object.freeze(signals),
  errno: Object.freeze({
    E2BIG: 7, EACCES: 13, EAGAIN: 11, EBADF: 9, EBUSY: 16, EEXIST: 17, EINTR: 4, EINVAL: 22, EIO: 5,
    EISDIR: 21, EMFILE: 24, ENOENT: 2, ENOMEM: 12, ENOSPC: 28, ENOSYS: 38, ENOTDIR: 20,
    ENOTEMPTY: 39, EPERM: 1, EPIPE: 32, EROFS: 30, EXDEV: 18,
  }),
  priority: Object.freeze({
    PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
  }),
});

const node = {
  EOL, devNull, arch, machine, platform, type, release, version, endianness, hostname, homedir,
  tmpdir, totalmem, freemem, uptime, loadavg, cpus, availableParallelism, networkInterfaces,
  getPriority, setPriority, userInfo, constants,
};

export default { ...qjsOs, ...node };
