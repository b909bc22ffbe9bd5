// Makes the native `process` object an EventEmitter, on the first call of one of its event
// methods (builtins/src/node/process.rs), and registers the hooks the runtime calls:
// `beforeExit` when the loop runs dry, `exit` at the end, and uncaught errors offered to
// `uncaughtException` / `unhandledRejection` listeners. Also Node's `emitWarning` with its
// `warning` event (the default listener prints the warning on stderr), and signal events: as in
// Node, `newListener`/`removeListener` listeners start and stop catching a signal
// (builtins/src/node/process_events.rs).
import { EventEmitter } from 'events';
// The real process object: a script may replace `globalThis.process` (Node's hooks keep working).
import process from 'process';
import { setHooks, watchSignal, unwatchSignal } from '_boa:process';
import { codes } from 'internal/errors';

const { ERR_INVALID_ARG_TYPE } = codes;

const METHODS = ['on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners',
  'prependListener', 'prependOnceListener', 'setMaxListeners', 'getMaxListeners', 'emit',
  'listeners', 'rawListeners', 'listenerCount', 'eventNames'];

let installed = false;
let exiting = false;

function beforeExit() {
  if (process.listenerCount('beforeExit') === 0) return false;
  process.emit('beforeExit', exitStatus());
  return true;
}

function exitStatus() {
  const code = process.exitCode;
  return code === undefined || code === null ? 0 : code | 0;
}

function exit() {
  if (exiting) return;
  exiting = true;
  process._exiting = true;
  process.emit('exit', exitStatus());
}

function uncaught(error, isRejection, promise) {
  if (isRejection && process.listenerCount('unhandledRejection') > 0) {
    process.emit('unhandledRejection', error, promise);
    return true;
  }
  const origin = isRejection ? 'unhandledRejection' : 'uncaughtException';
  if (process.listenerCount('uncaughtExceptionMonitor') > 0) process.emit('uncaughtExceptionMonitor', error, origin);
  if (process.listenerCount('uncaughtException') === 0) return false;
  process.emit('uncaughtException', error, origin);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Warnings.

function printWarning(warning) {
  if (process.noProcessWarnings) return;
  const code = warning.code ? `[${warning.code}] ` : '';
  let text = `(wasmedge_boa:${process.pid}) ${code}${warning.name}: ${warning.message}`;
  if (typeof warning.detail === 'string') text += `\n${warning.detail}`;
  process.stderr.write(`${text}\n`);
}

function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw new ERR_INVALID_ARG_TYPE('type', 'string', type);
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined && typeof code !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('code', 'string', code);
  }
  if (typeof warning === 'string') {
    const made = new Error(warning);
    made.name = String(type || 'Warning');
    if (code !== undefined) made.code = code;
    if (detail !== undefined) made.detail = detail;
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(made, ctor || process.emitWarning);
    warning = made;
  } else if (!(warning instanceof Error)) {
    throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) throw warning;
  }
  process.nextTick(() => process.emit('warning', warning));
}

/** Turns `process` into an EventEmitter; the runtime's hooks go live. */
export function install(target) {
  if (installed) return;
  installed = true;
  for (const name of METHODS) delete target[name];
  Object.setPrototypeOf(target, Object.create(EventEmitter.prototype, {
    constructor: { value: function process() {}, writable: true, configurable: true },
  }));
  EventEmitter.call(target);
  target.emitWarning = emitWarning;
  target.on('newListener', (event) => {
    if (typeof event === 'string' && event.startsWith('SIG') && target.listenerCount(event) === 0) watchSignal(event);
  });
  target.on('removeListener', (event) => {
    if (typeof event === 'string' && event.startsWith('SIG') && target.listenerCount(event) === 0) unwatchSignal(event);
  });
  target.on('warning', printWarning);
  setHooks(beforeExit, exit, uncaught);
}

export default { install };
