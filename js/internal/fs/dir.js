// `fs.Dir` and `opendir`/`opendirSync`: a directory read one entry at a time (sync, callback or
// promise), with Node's rules — a closed Dir throws ERR_DIR_CLOSED, synchronous calls while an
// asynchronous one is pending throw ERR_DIR_CONCURRENT_OPERATION. The entries are listed when
// the directory is opened (WASI has no streaming directory handle); `recursive` walks subdirectories.
import * as binding from '_boa:fs';
import { codes } from 'internal/errors';
import {
  getValidatedPath, getOptions, validateFunction, validateUint32, encodeName, Dirent, direntType, joinPath, constants,
} from 'internal/fs/utils';

const { ERR_DIR_CLOSED, ERR_DIR_CONCURRENT_OPERATION, ERR_MISSING_ARGS } = codes;

function listEntries(path, options) {
  const entries = [];
  const queue = [path];
  for (let i = 0; i < queue.length; i++) {
    const dir = queue[i];
    for (const [name, mode] of binding.readdir(dir)) {
      const type = direntType(mode);
      entries.push(new Dirent(encodeName(name, options.encoding), type, dir));
      if (options.recursive && type === constants.UV_DIRENT_DIR) queue.push(joinPath(dir, name));
    }
  }
  return entries;
}

export class Dir {
  #path;
  #entries;
  #closed = false;
  #pending = 0;

  constructor(path, entries) {
    // Only opendir() makes a Dir; Node's constructor rejects a call without its handle.
    if (entries === undefined) throw new ERR_MISSING_ARGS('handle');
    this.#path = path;
    this.#entries = entries;
  }

  get path() { return this.#path; }

  #next() {
    return this.#entries.length > 0 ? this.#entries.shift() : null;
  }

  #async(operation, callback) {
    this.#pending++;
    setTimeout(() => {
      this.#pending--;
      let result;
      try {
        result = operation();
      } catch (error) {
        callback(error);
        return;
      }
      callback(null, result);
    }, 0);
  }

  read(callback) {
    if (this.#closed) {
      if (callback === undefined) return Promise.reject(new ERR_DIR_CLOSED());
      throw new ERR_DIR_CLOSED();
    }
    if (callback === undefined) {
      return new Promise((resolve, reject) => this.#async(() => this.#next(), (e, r) => (e ? reject(e) : resolve(r))));
    }
    validateFunction(callback, 'callback');
    this.#async(() => this.#next(), callback);
    return undefined;
  }

  readSync() {
    if (this.#closed) throw new ERR_DIR_CLOSED();
    if (this.#pending > 0) throw new ERR_DIR_CONCURRENT_OPERATION();
    return this.#next();
  }

  close(callback) {
    if (callback === undefined) {
      if (this.#closed) return Promise.reject(new ERR_DIR_CLOSED());
      this.#closed = true;
      return new Promise((resolve) => setTimeout(resolve, 0));
    }
    validateFunction(callback, 'callback');
    if (this.#closed) {
      process.nextTick(() => callback(new ERR_DIR_CLOSED()));
      return undefined;
    }
    this.#closed = true;
    setTimeout(() => callback(null), 0);
    return undefined;
  }

  closeSync() {
    if (this.#closed) throw new ERR_DIR_CLOSED();
    if (this.#pending > 0) throw new ERR_DIR_CONCURRENT_OPERATION();
    this.#closed = true;
  }

  async* entries() {
    try {
      for (;;) {
        const entry = await this.read();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this.#closed) await this.close();
    }
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }
}
if (typeof Symbol.asyncDispose === 'symbol') {
  Dir.prototype[Symbol.asyncDispose] = function () { return this.close().catch(() => {}); };
}

function validateBufferSize(options) {
  if (options.bufferSize !== undefined) validateUint32(options.bufferSize, 'options.bufferSize', true);
}

function openOptions(options) {
  return getOptions(options, { encoding: 'utf8' });
}

export function opendirSync(path, options) {
  path = getValidatedPath(path);
  options = openOptions(options);
  validateBufferSize(options);
  return new Dir(path, listEntries(path, options));
}

export function opendir(path, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  validateFunction(callback, 'callback');
  path = getValidatedPath(path);
  options = openOptions(options);
  validateBufferSize(options);
  setTimeout(() => {
    let dir;
    try {
      dir = new Dir(path, listEntries(path, options));
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, dir);
  }, 0);
}

export default { Dir, opendir, opendirSync };
