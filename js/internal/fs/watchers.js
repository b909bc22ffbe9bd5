// `fs.watchFile`/`unwatchFile` (StatWatcher), `fs.watch` (FSWatcher) and
// `fs.promises.watch`, by polling: WASI has no file change notifications, so the watched paths
// are re-read on a timer and the differences reported as Node reports them.
//
// - watchFile: a stat every `interval` ms (default 5007, as Node); a change of any field calls
//   the listener with `(current, previous)`; a missing file has all-zero Stats.
// - watch: a snapshot (the file's stats, or a directory's entries — all of them below it with
//   `recursive`) every 50 ms; an entry that appears or disappears is a 'rename', one whose stats
//   changed a 'change', reported with its name relative to the watched directory.
import * as binding from '_boa:fs';
import { EventEmitter } from 'events';
import { codes, AbortError } from 'internal/errors';
import {
  getValidatedPath, getOptions, validateFunction, validateBoolean, validateAbortSignal, validateObject,
  makeStats, Stats, encodeName, joinPath, constants, kEmptyObject,
} from 'internal/fs/utils';

const { ERR_INVALID_ARG_TYPE } = codes;
const kWatchInterval = 50;

function statOrNull(path, bigint = false) {
  try {
    return makeStats(binding.stat(path, true), bigint);
  } catch {
    return null;
  }
}

function zeroStats() {
  return new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

function sameStats(a, b) {
  if (a === null || b === null) return a === b;
  return a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size && a.ino === b.ino &&
    a.mode === b.mode && a.nlink === b.nlink && a.dev === b.dev;
}

// ---------------------------------------------------------------------------------------------
// StatWatcher.

export class StatWatcher extends EventEmitter {
  #timer = null;
  #previous;
  #path;
  #bigint;
  #first = true;
  #refed = true;

  constructor(bigint) {
    super();
    this.#bigint = Boolean(bigint);
  }

  start(path, persistent, interval) {
    if (this.#timer !== null) return;
    this.#path = path;
    this.#previous = statOrNull(path, this.#bigint);
    this.#refed = persistent;
    this.#timer = setInterval(() => this.#poll(), Math.max(1, interval));
    if (!persistent && typeof this.#timer.unref === 'function') this.#timer.unref();
  }

  #poll() {
    const current = statOrNull(this.#path, this.#bigint);
    const first = this.#first;
    this.#first = false;
    if (current === null && this.#previous === null) {
      // Missing from the start: reported once, with zeroed stats both ways (as Node does).
      if (first) this.emit('change', zeroStats(), zeroStats());
      return;
    }
    if (sameStats(current, this.#previous)) return;
    const previous = this.#previous;
    this.#previous = current;
    this.emit('change', current || zeroStats(), previous || zeroStats());
  }

  stop() {
    if (this.#timer === null) return;
    clearInterval(this.#timer);
    this.#timer = null;
    process.nextTick(() => this.emit('stop'));
  }

  ref() {
    this.#refed = true;
    if (this.#timer && typeof this.#timer.ref === 'function') this.#timer.ref();
    return this;
  }

  unref() {
    this.#refed = false;
    if (this.#timer && typeof this.#timer.unref === 'function') this.#timer.unref();
    return this;
  }
}

const statWatchers = new Map();

export function watchFile(filename, options, listener) {
  filename = getValidatedPath(filename, 'filename');
  const key = filename;
  let defaults = { interval: 5007, persistent: true };
  if (options !== null && typeof options === 'object') {
    defaults = { ...defaults, ...options };
  } else {
    listener = options;
  }
  validateFunction(listener, 'listener');
  let watcher = statWatchers.get(key);
  if (watcher === undefined) {
    watcher = new StatWatcher(defaults.bigint);
    watcher.start(filename, defaults.persistent, defaults.interval);
    statWatchers.set(key, watcher);
  }
  watcher.addListener('change', listener);
  return watcher;
}

export function unwatchFile(filename, listener) {
  filename = getValidatedPath(filename, 'filename');
  const watcher = statWatchers.get(filename);
  if (watcher === undefined) return;
  if (typeof listener === 'function') watcher.removeListener('change', listener);
  else watcher.removeAllListeners('change');
  if (watcher.listenerCount('change') === 0) {
    watcher.stop();
    statWatchers.delete(filename);
  }
}

// ---------------------------------------------------------------------------------------------
// FSWatcher.

/** Every entry below `dir` (or just its own) with its stats, keyed by relative name. */
function snapshot(path, recursive) {
  const entries = new Map();
  const own = statOrNull(path);
  if (own === null) return { own, entries };
  if (!own.isDirectory()) return { own, entries };
  const queue = [['', path]];
  for (let i = 0; i < queue.length; i++) {
    const [prefix, dir] = queue[i];
    let names;
    try {
      names = binding.readdir(dir);
    } catch {
      continue;
    }
    for (const [name, mode] of names) {
      const relative = prefix ? `${prefix}/${name}` : name;
      const full = joinPath(dir, name);
      entries.set(relative, statOrNull(full));
      if (recursive && (mode & constants.S_IFMT) === constants.S_IFDIR) queue.push([relative, full]);
    }
  }
  return { own, entries };
}

export class FSWatcher extends EventEmitter {
  #timer = null;
  #path;
  #recursive = false;
  #encoding = 'utf8';
  #state;
  #closed = false;

  start(filename, persistent, recursive, encoding) {
    if (this.#closed || this.#timer !== null) return;
    this.#path = filename;
    this.#recursive = Boolean(recursive);
    this.#encoding = encoding;
    this.#state = snapshot(filename, this.#recursive);
    if (this.#state.own === null) throw binding.uvError('ENOENT', 'watch', filename);
    this.#timer = setInterval(() => this.#poll(), kWatchInterval);
    if (!persistent && typeof this.#timer.unref === 'function') this.#timer.unref();
  }

  #report(eventType, name) {
    if (this.#closed) return;
    this.emit('change', eventType, name === null ? null : encodeName(name, this.#encoding));
  }

  #poll() {
    const next = snapshot(this.#path, this.#recursive);
    const previous = this.#state;
    this.#state = next;
    const base = this.#path.split('/').filter(Boolean).pop() || this.#path;
    if (previous.own !== null && !previous.own.isDirectory()) {
      // A watched file: its own name in the events.
      if (next.own === null) this.#report('rename', base);
      else if (!sameStats(next.own, previous.own)) this.#report('change', base);
      return;
    }
    if (next.own === null) {
      this.#report('rename', base);
      return;
    }
    for (const [name, stats] of next.entries) {
      if (!previous.entries.has(name)) this.#report('rename', name);
      else if (!sameStats(stats, previous.entries.get(name)) && stats !== null && !stats.isDirectory()) {
        this.#report('change', name);
      }
    }
    for (const name of previous.entries.keys()) {
      if (!next.entries.has(name)) this.#report('rename', name);
    }
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    if (this.#timer && typeof this.#timer.ref === 'function') this.#timer.ref();
    return this;
  }

  unref() {
    if (this.#timer && typeof this.#timer.unref === 'function') this.#timer.unref();
    return this;
  }
}

function watchOptions(options) {
  options = getOptions(options);
  const { persistent = true, recursive = false, encoding = 'utf8', signal } = options;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  return { persistent, recursive, encoding, signal };
}

export function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  const { persistent, recursive, encoding, signal } = watchOptions(options);
  filename = getValidatedPath(filename, 'filename');
  const watcher = new FSWatcher();
  watcher.start(filename, persistent, recursive, encoding);
  if (listener) watcher.addListener('change', listener);
  if (signal) {
    if (signal.aborted) process.nextTick(() => watcher.close());
    else signal.addEventListener('abort', () => watcher.close(), { once: true });
  }
  return watcher;
}

/** `fs.promises.watch`: an async iterator of `{ eventType, filename }`. */
export function watchAsync(filename, options = kEmptyObject) {
  validateObject(options, 'options', { nullable: true });
  const { persistent, recursive, encoding, signal } = watchOptions(options || kEmptyObject);
  filename = getValidatedPath(filename, 'filename');
  if (signal && signal.aborted) {
    return { async next() { throw new AbortError(undefined, { cause: signal.reason }); }, [Symbol.asyncIterator]() { return this; } };
  }
  const watcher = new FSWatcher();
  const queue = [];
  const waiting = [];
  let failure = null;
  let done = false;
  const push = (value) => {
    if (waiting.length > 0) waiting.shift().resolve({ value, done: false });
    else queue.push(value);
  };
  watcher.on('change', (eventType, name) => push({ eventType, filename: name }));
  const stop = (error) => {
    if (done) return;
    done = true;
    failure = error;
    watcher.close();
    for (const w of waiting.splice(0)) {
      if (error) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  };
  try {
    watcher.start(filename, persistent, recursive, encoding);
  } catch (error) {
    return { async next() { throw error; }, [Symbol.asyncIterator]() { return this; } };
  }
  if (signal) signal.addEventListener('abort', () => stop(new AbortError(undefined, { cause: signal.reason })), { once: true });
  return {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (done) return failure ? Promise.reject(failure) : Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      stop(null);
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error) {
      stop(error);
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

export default { watch, watchFile, unwatchFile, watchAsync, FSWatcher, StatWatcher, ERR_INVALID_ARG_TYPE };
