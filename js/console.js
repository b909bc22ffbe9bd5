// Module `console`: the global console (native, see builtins/src/console.rs) and Node's
// `Console` class, a console that writes to any pair of writable streams.

import { format, formatWithOptions } from 'util';
import { codes } from 'internal/errors';
import { renderTable, dirText } from 'internal/console';

const kCounts = Symbol('counts');
const kTimers = Symbol('timers');
const kIndent = Symbol('indent');

function writeTo(stream, indent, text) {
  if (indent) text = text.split('\n').map((l) => indent + l).join('\n');
  stream.write(text + '\n');
}

// Node's `console.Console`: `new Console(stdout[, stderr[, ignoreErrors]])` or
// `new Console({ stdout, stderr, ignoreErrors, inspectOptions, groupIndentation })`.
export class Console {
  constructor(options, stderr, ignoreErrors) {
    if (!new.target) return new Console(options, stderr, ignoreErrors);
    if (!options || typeof options.write === 'function') {
      options = { stdout: options, stderr, ignoreErrors };
    }
    const { stdout, stderr: err = stdout, inspectOptions, groupIndentation = 2 } = options;
    for (const [name, stream] of [['stdout', stdout], ['stderr', err]]) {
      if (!stream || typeof stream.write !== 'function') {
        throw new codes.ERR_CONSOLE_WRITABLE_STREAM(name);
      }
    }
    if (inspectOptions !== undefined && (inspectOptions === null || typeof inspectOptions !== 'object')) {
      throw new codes.ERR_INVALID_ARG_TYPE('options.inspectOptions', 'object', inspectOptions);
    }
    Object.defineProperties(this, {
      _stdout: { value: stdout, writable: true, configurable: true },
      _stderr: { value: err, writable: true, configurable: true },
      _ignoreErrors: { value: options.ignoreErrors !== false, writable: true, configurable: true },
      _inspectOptions: { value: inspectOptions, writable: true, configurable: true },
      _groupIndentation: { value: groupIndentation, writable: true, configurable: true },
    });
    this[kCounts] = new Map();
    this[kTimers] = new Map();
    this[kIndent] = '';
    // Node binds every method to its console, so `const { log } = new Console(...)` works.
    for (const name of Object.getOwnPropertyNames(Console.prototype)) {
      if (name !== 'constructor') this[name] = Console.prototype[name].bind(this);
    }
  }

  _format(args) {
    return this._inspectOptions ? formatWithOptions(this._inspectOptions, ...args) : format(...args);
  }

  _write(stream, text) {
    try {
      writeTo(stream, this[kIndent], text);
    } catch (error) {
      if (!this._ignoreErrors) throw error;
    }
  }

  log(...args) { this._write(this._stdout, this._format(args)); }
  info(...args) { this.log(...args); }
  debug(...args) { this.log(...args); }
  warn(...args) { this._write(this._stderr, this._format(args)); }
  error(...args) { this.warn(...args); }
  dir(object, options) {
    this._write(this._stdout, dirText(object, { ...this._inspectOptions, ...options }));
  }
  dirxml(...args) { this.log(...args); }
  trace(...args) {
    const error = { name: 'Trace', message: this._format(args) };
    Error.captureStackTrace?.(error, this.trace);
    this.error(error.stack ?? `Trace: ${error.message}`);
  }
  assert(value, ...args) {
    if (value) return;
    if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
    else args.unshift('Assertion failed');
    this.warn(...args);
  }
  table(data, properties) {
    const table = renderTable(data, properties);
    if (table === null) this.log(data);
    else this._write(this._stdout, table);
  }
  group(...labels) {
    if (labels.length) this.log(...labels);
    this[kIndent] += ' '.repeat(this._groupIndentation);
  }
  groupCollapsed(...labels) { this.group(...labels); }
  groupEnd() { this[kIndent] = this[kIndent].slice(this._groupIndentation); }
  count(label = 'default') {
    label = `${label}`;
    const n = (this[kCounts].get(label) ?? 0) + 1;
    this[kCounts].set(label, n);
    this.log(`${label}: ${n}`);
  }
  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].delete(label)) process.emitWarning(`Count for '${label}' does not exist`);
  }
  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, performance.now());
  }
  timeEnd(label = 'default') {
    if (this._timeLog('timeEnd', `${label}`, [])) this[kTimers].delete(`${label}`);
  }
  timeLog(label = 'default', ...data) { this._timeLog('timeLog', `${label}`, data); }
  _timeLog(method, label, data) {
    const start = this[kTimers].get(label);
    if (start === undefined) {
      process.emitWarning(`No such label '${label}' for console.${method}()`);
      return false;
    }
    const ms = performance.now() - start;
    const shown = ms < 1000 ? `${ms.toFixed(3)}ms` : `${(ms / 1000).toFixed(3)}s`;
    this.log(`${label}: ${shown}`, ...data);
    return true;
  }
}

// `instanceof Console` holds for the global console too, as in Node.
Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) { return instance === globalThis.console || Object.prototype.isPrototypeOf.call(Console.prototype, instance ?? {}); },
});

// The global console's lazy `Console` accessor becomes a plain property once loaded.
const console = globalThis.console;
Object.defineProperty(console, 'Console', { value: Console, writable: true, configurable: true });

export default console;
