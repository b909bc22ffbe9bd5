// Transform (a Duplex whose output is computed from its input) and PassThrough.
//
// Each written chunk goes through `_transform(chunk, encoding, callback)`; what it pushes (or
// passes to the callback) is readable. The write completes at once unless the readable side is
// full, in which case it waits for the next `_read()`. At end, `_flush` runs (before 'finish'
// for Node's own `_final`, on 'prefinish' when a subclass overrides `_final`), then the readable
// side ends.

import { codes } from 'internal/errors';
import { Duplex } from 'internal/streams/duplex';
import { highWaterMarkFrom } from 'internal/streams/utils';

const { ERR_METHOD_NOT_IMPLEMENTED } = codes;

const kCallback = Symbol('kCallback');

export function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  // A readable highWaterMark of 0 makes the writable side default to 0 too (no buffering).
  const readableHwm = options ? highWaterMarkFrom(options, 'readableHighWaterMark', true, false) : null;
  if (readableHwm === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark: readableHwm,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }
  Duplex.call(this, options);
  // Pushes from _transform come outside of _read: they may be emitted at once.
  this._readableState.sync = false;
  this[kCallback] = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
  this.on('prefinish', onPrefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function runFlush(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((err, data) => {
      if (err) {
        if (cb) cb(err);
        else this.destroy(err);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

function onPrefinish() {
  if (this._final !== runFlush) runFlush.call(this);
}

Transform.prototype._final = runFlush;

Transform.prototype._transform = function _transform() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

Transform.prototype._write = function _write(chunk, encoding, callback) {
  const rs = this._readableState;
  const ws = this._writableState;
  const before = rs.length;
  this._transform(chunk, encoding, (err, value) => {
    if (err) {
      callback(err);
      return;
    }
    if (value != null) this.push(value);
    if (ws.ended || before === rs.length || rs.length < rs.highWaterMark) callback();
    else this[kCallback] = callback; // wait until the reader wants more
  });
};

Transform.prototype._read = function _read() {
  const callback = this[kCallback];
  if (callback) {
    this[kCallback] = null;
    callback();
  }
};

export function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

PassThrough.prototype._transform = function _transform(chunk, encoding, cb) {
  cb(null, chunk);
};
