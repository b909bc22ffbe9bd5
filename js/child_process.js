// Module `child_process`: a WebAssembly program under WASI cannot start processes, so every way
// of starting one fails the way Node reports a spawn failure — asynchronously through the
// ChildProcess's 'error' event (spawn, exec, execFile, fork), in the result's `error` (spawnSync)
// or by throwing (execSync, execFileSync) — with code ENOSYS. The API's shape is Node's, so code
// that merely imports it, or checks for failures, keeps working.
import { EventEmitter } from 'events';
import { codes } from 'internal/errors';

const { ERR_INVALID_ARG_TYPE } = codes;

function spawnError(file, args) {
  const error = new Error(`spawn ${file} ENOSYS`);
  error.errno = -38;
  error.code = 'ENOSYS';
  error.syscall = `spawn ${file}`;
  error.path = file;
  error.spawnargs = args;
  return error;
}

function normalize(file, args, options) {
  if (typeof file !== 'string') throw new ERR_INVALID_ARG_TYPE('file', 'string', file);
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  return { file, args: args.map(String), options: options || {} };
}

export class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this.pid = undefined;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.connected = false;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this.spawnfile = undefined;
    this.spawnargs = [];
  }
  kill() { return false; }
  disconnect() {}
  ref() {}
  unref() {}
}

function failedChild(file, args, callback) {
  const child = new ChildProcess();
  child.spawnfile = file;
  child.spawnargs = [file, ...args];
  const error = spawnError(file, child.spawnargs);
  process.nextTick(() => {
    if (typeof callback === 'function') callback(error, '', '');
    if (child.listenerCount('error') > 0 || typeof callback !== 'function') child.emit('error', error);
    child.emit('close', -38, null);
  });
  return child;
}

export function spawn(file, args, options) {
  const n = normalize(file, args, options);
  return failedChild(n.file, n.args);
}

export function execFile(file, args, options, callback) {
  if (typeof args === 'function') { callback = args; args = []; }
  else if (typeof options === 'function') { callback = options; options = undefined; }
  const n = normalize(file, args, options);
  return failedChild(n.file, n.args, callback);
}

export function exec(command, options, callback) {
  if (typeof options === 'function') callback = options;
  if (typeof command !== 'string') throw new ERR_INVALID_ARG_TYPE('command', 'string', command);
  return failedChild('/bin/sh', ['-c', command], callback);
}

export function fork(modulePath, args, options) {
  const n = normalize(modulePath, args, options);
  return failedChild(process.execPath, [n.file, ...n.args]);
}

export function spawnSync(file, args, options) {
  const n = normalize(file, args, options);
  return {
    pid: 0, output: null, stdout: null, stderr: null, status: null, signal: null,
    error: spawnError(n.file, [n.file, ...n.args]),
  };
}

export function execFileSync(file, args, options) {
  const n = normalize(file, args, options);
  throw spawnError(n.file, [n.file, ...n.args]);
}

export function execSync(command) {
  if (typeof command !== 'string') throw new ERR_INVALID_ARG_TYPE('command', 'string', command);
  throw spawnError('/bin/sh', ['/bin/sh', '-c', command]);
}

export default { ChildProcess, spawn, spawnSync, exec, execSync, execFile, execFileSync, fork };
