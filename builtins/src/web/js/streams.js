// WHATWG Streams: ReadableStream (default and byte streams, BYOB readers, tee, pipes, async
// iteration, from), WritableStream, TransformStream, the queuing strategies, and the streams
// built on them (TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream).
//
// Evaluated by builtins/src/web/streams.rs on the first use of one of these globals. It follows
// the standard's abstract operations closely (their names are kept) so that it can be checked
// against the text. Every public object keeps its internal slots in one record under the
// symbol S; the abstract operations work on those records.
(function (native) {
  'use strict';

  const S = Symbol('streams.internal');
  // Intrinsics saved now: scripts may patch the globals later (the standard's algorithms use
  // the original ones).
  const ReflectApply = Reflect.apply;
  const PromiseThen = Promise.prototype.then;
  const PromiseResolve = (v) => new Promise((resolve) => resolve(v));
  const thenOf = (promise, onFulfilled, onRejected) => ReflectApply(PromiseThen, promise, [onFulfilled, onRejected]);
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  // ------------------------------------------------------------------ helpers

  function deferred() {
    const d = { promise: null, resolve: null, reject: null, state: 'pending' };
    d.promise = new Promise((resolve, reject) => {
      d.resolve = (v) => { if (d.state === 'pending') { d.state = 'fulfilled'; resolve(v); } };
      d.reject = (e) => { if (d.state === 'pending') { d.state = 'rejected'; reject(e); } };
    });
    return d;
  }
  function resolvedDeferred(value) { const d = deferred(); d.resolve(value); return d; }
  function rejectedDeferred(reason) { const d = deferred(); markHandled(d.promise); d.reject(reason); return d; }
  function markHandled(promise) { thenOf(promise, undefined, () => {}); }
  const resolved = (v) => PromiseResolve(v);
  const rejected = (e) => Promise.reject(e);
  // The standard's "upon fulfillment/rejection": a missing reaction ignores that outcome.
  function uponPromise(promise, onFulfilled, onRejected) {
    thenOf(promise,
      (v) => { if (onFulfilled) { try { onFulfilled(v); } catch (e) { rethrowLater(e); } } },
      (e) => { if (onRejected) { try { onRejected(e); } catch (x) { rethrowLater(x); } } });
  }
  function rethrowLater(e) { queueMicrotask(() => { throw e; }); }
  function promiseCall(f, thisArg, args) {
    try { return PromiseResolve(ReflectApply(f, thisArg, args)); } catch (e) { return Promise.reject(e); }
  }
  function typeError(message) { return new TypeError(message); }
  function brand(object, kind, what) {
    const rec = object !== null && (typeof object === 'object' || typeof object === 'function') ? object[S] : undefined;
    if (rec === undefined || rec.kind !== kind) throw typeError(what + ': Illegal invocation');
    return rec;
  }
  function isObject(x) { return x !== null && (typeof x === 'object' || typeof x === 'function'); }
  function dictionary(value, what) {
    if (value === undefined || value === null) return {};
    if (!isObject(value)) throw typeError(what + ' must be an object');
    return value;
  }
  function method(dict, name, what) {
    const f = dict[name];
    if (f === undefined) return undefined;
    if (typeof f !== 'function') throw typeError(`${what}.${name} must be a function`);
    return f;
  }
  function defineClass(Class, tag, accessors = []) {
    Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: tag, configurable: true });
    for (const name of Object.getOwnPropertyNames(Class.prototype)) {
      if (name === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(Class.prototype, name);
      d.enumerable = true;
      Object.defineProperty(Class.prototype, name, d);
    }
    void accessors;
  }
  function illegalConstructor() { throw typeError('Illegal constructor'); }
  function make(Class, rec) { const o = Object.create(Class.prototype); o[S] = rec; rec.obj = o; return o; }

  // A FIFO with O(1) shift.
  class Queue {
    constructor() { this.items = []; this.head = 0; }
    get length() { return this.items.length - this.head; }
    push(v) { this.items.push(v); }
    shift() {
      const v = this.items[this.head];
      this.items[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
      return v;
    }
    peek() { return this.items[this.head]; }
    last() { return this.items[this.items.length - 1]; }
    clear() { this.items = []; this.head = 0; }
  }

  function isNonNegativeNumber(v) { return typeof v === 'number' && !Number.isNaN(v) && v >= 0; }
  function extractHighWaterMark(strategy, defaultHWM) {
    if (strategy.highWaterMark === undefined) return defaultHWM;
    const hwm = Number(strategy.highWaterMark);
    if (Number.isNaN(hwm) || hwm < 0) throw new RangeError('highWaterMark must be a non-negative number');
    return hwm;
  }
  function readStrategy(strategy) {
    strategy = dictionary(strategy, 'the strategy');
    const highWaterMark = strategy.highWaterMark;
    const size = strategy.size;
    if (size !== undefined && typeof size !== 'function') throw typeError('strategy.size must be a function');
    return { highWaterMark, size };
  }
  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return () => 1;
    return (chunk) => size(chunk);
  }

  function enqueueValueWithSize(container, value, size) {
    if (!isNonNegativeNumber(size) || size === Infinity) throw new RangeError('the chunk size must be a finite, non-negative number');
    container.queue.push({ value, size });
    container.queueTotalSize += size;
  }
  function dequeueValue(container) {
    const pair = container.queue.shift();
    container.queueTotalSize -= pair.size;
    if (container.queueTotalSize < 0) container.queueTotalSize = 0;
    return pair.value;
  }
  function peekQueueValue(container) { return container.queue.peek().value; }
  function resetQueue(container) { container.queue = new Queue(); container.queueTotalSize = 0; }

  // ArrayBuffer helpers (transfer moves the bytes and detaches the original).
  function isDetached(buffer) {
    if ('detached' in ArrayBuffer.prototype) return buffer.detached;
    try { new Uint8Array(buffer); return false; } catch { return true; }
  }
  function transferArrayBuffer(buffer) {
    if (isDetached(buffer)) throw typeError('the ArrayBuffer is detached');
    if (typeof buffer.transfer === 'function') return buffer.transfer();
    const copy = buffer.slice(0);
    try { structuredClone(buffer, { transfer: [buffer] }); } catch { /* cannot detach */ }
    return copy;
  }
  function canTransferArrayBuffer(buffer) { return !isDetached(buffer); }
  function isSharedArrayBuffer(b) { return typeof SharedArrayBuffer === 'function' && b instanceof SharedArrayBuffer; }
  function cloneAsUint8Array(view) {
    return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  }
  function copyDataBlockBytes(dest, destOffset, src, srcOffset, n) {
    new Uint8Array(dest, destOffset, n).set(new Uint8Array(src, srcOffset, n));
  }
  function elementSizeOf(view) { return view.constructor === DataView ? 1 : view.BYTES_PER_ELEMENT; }

  // ------------------------------------------------------------------ ReadableStream

  class ReadableStream {
    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === null) throw typeError("Failed to construct 'ReadableStream': the underlying source cannot be null");
      const source = underlyingSource === undefined ? {} : dictionary(underlyingSource, 'the underlying source');
      const st = readStrategy(strategy);
      const rec = newReadableStreamRecord();
      this[S] = rec;
      rec.obj = this;
      const dict = readUnderlyingSource(source);
      if (dict.type === 'bytes') {
        if (st.size !== undefined) throw new RangeError('a byte stream cannot have a size function');
        const hwm = extractHighWaterMark(st, 0);
        setUpReadableByteStreamControllerFromUnderlyingSource(rec, source, dict, hwm);
      } else {
        const sizeAlgorithm = extractSizeAlgorithm(st);
        const hwm = extractHighWaterMark(st, 1);
        setUpReadableStreamDefaultControllerFromUnderlyingSource(rec, source, dict, hwm, sizeAlgorithm);
      }
    }
    get locked() { return isReadableStreamLocked(brand(this, 'RS', 'ReadableStream.locked')); }
    cancel(reason = undefined) {
      let rec;
      try { rec = brand(this, 'RS', 'ReadableStream.cancel'); } catch (e) { return rejected(e); }
      if (isReadableStreamLocked(rec)) return rejected(typeError('Cannot cancel a locked ReadableStream'));
      return readableStreamCancel(rec, reason);
    }
    getReader(options = undefined) {
      const rec = brand(this, 'RS', 'ReadableStream.getReader');
      const o = dictionary(options, 'getReader options');
      const mode = o.mode;
      if (mode === undefined) return acquireReadableStreamDefaultReader(rec).obj;
      if (String(mode) !== 'byob') throw typeError(`'${String(mode)}' is not a valid reader mode`);
      return acquireReadableStreamBYOBReader(rec).obj;
    }
    pipeThrough(transform, options = undefined) {
      const rec = brand(this, 'RS', 'ReadableStream.pipeThrough');
      if (!isObject(transform)) throw typeError('pipeThrough: the transform must be an object');
      const readable = transform.readable;
      const readableRec = readable && readable[S];
      if (!readableRec || readableRec.kind !== 'RS') throw typeError('pipeThrough: transform.readable must be a ReadableStream');
      const writable = transform.writable;
      const writableRec = writable && writable[S];
      if (!writableRec || writableRec.kind !== 'WS') throw typeError('pipeThrough: transform.writable must be a WritableStream');
      const o = readPipeOptions(options);
      if (isReadableStreamLocked(rec)) throw typeError('pipeThrough: the stream is locked');
      if (isWritableStreamLocked(writableRec)) throw typeError('pipeThrough: the writable side is locked');
      const promise = readableStreamPipeTo(rec, writableRec, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
      markHandled(promise);
      return readable;
    }
    pipeTo(destination, options = undefined) {
      let rec, o;
      try {
        rec = brand(this, 'RS', 'ReadableStream.pipeTo');
        const destRec = destination && destination[S];
        if (!destRec || destRec.kind !== 'WS') throw typeError('pipeTo: the destination must be a WritableStream');
        o = readPipeOptions(options);
        if (isReadableStreamLocked(rec)) throw typeError('pipeTo: the stream is locked');
        if (isWritableStreamLocked(destRec)) throw typeError('pipeTo: the destination is locked');
        return readableStreamPipeTo(rec, destRec, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
      } catch (e) { return rejected(e); }
    }
    tee() {
      const rec = brand(this, 'RS', 'ReadableStream.tee');
      return readableStreamTee(rec, false).map((r) => r.obj);
    }
    values(options = undefined) {
      const rec = brand(this, 'RS', 'ReadableStream.values');
      const o = dictionary(options, 'values options');
      return createAsyncIterator(rec, !!o.preventCancel);
    }
    static from(asyncIterable) { return readableStreamFromIterable(asyncIterable).obj; }
  }
  defineClass(ReadableStream, 'ReadableStream');
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values, writable: true, configurable: true, enumerable: false,
  });

  function readUnderlyingSource(source) {
    const autoAllocateChunkSize = source.autoAllocateChunkSize;
    const cancel = method(source, 'cancel', 'underlyingSource');
    const pull = method(source, 'pull', 'underlyingSource');
    const start = method(source, 'start', 'underlyingSource');
    let type = source.type;
    if (type !== undefined) {
      type = String(type);
      if (type !== 'bytes') throw typeError(`'${type}' is not a valid ReadableStream type`);
    }
    let chunkSize;
    if (autoAllocateChunkSize !== undefined) {
      chunkSize = Number(autoAllocateChunkSize);
      if (!Number.isFinite(chunkSize) || chunkSize < 0 || chunkSize > Number.MAX_SAFE_INTEGER) throw typeError('autoAllocateChunkSize must be a positive integer');
      chunkSize = Math.trunc(chunkSize);
    }
    return { autoAllocateChunkSize: chunkSize, cancel, pull, start, type };
  }

  function readPipeOptions(options) {
    const o = dictionary(options, 'pipe options');
    const preventAbort = !!o.preventAbort;
    const preventCancel = !!o.preventCancel;
    const preventClose = !!o.preventClose;
    const signal = o.signal;
    if (signal !== undefined && !isAbortSignal(signal)) throw typeError('the signal option must be an AbortSignal');
    return { preventAbort, preventCancel, preventClose, signal };
  }
  function isAbortSignal(x) {
    try { Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call(x); return true; } catch { return false; }
  }

  function newReadableStreamRecord() {
    return { kind: 'RS', obj: null, state: 'readable', reader: null, storedError: undefined, disturbed: false, controller: null };
  }
  function createReadableStreamRecord(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
    const rec = newReadableStreamRecord();
    make(ReadableStream, rec);
    const controller = newDefaultControllerRecord();
    make(ReadableStreamDefaultController, controller);
    setUpReadableStreamDefaultController(rec, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    return rec;
  }
  function createReadableByteStreamRecord(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
    const rec = newReadableStreamRecord();
    make(ReadableStream, rec);
    const controller = newByteControllerRecord();
    make(ReadableByteStreamController, controller);
    setUpReadableByteStreamController(rec, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
    return rec;
  }

  function isReadableStreamLocked(rs) { return rs.reader !== null; }

  function readableStreamCancel(rs, reason) {
    rs.disturbed = true;
    if (rs.state === 'closed') return resolved(undefined);
    if (rs.state === 'errored') return rejected(rs.storedError);
    readableStreamClose(rs);
    const reader = rs.reader;
    if (reader !== null && reader.kind === 'RSBR') {
      const requests = reader.readIntoRequests;
      reader.readIntoRequests = new Queue();
      while (requests.length) requests.shift().closeSteps(undefined);
    }
    const sourceCancelPromise = rs.controller.cancelSteps(reason);
    return thenOf(sourceCancelPromise, () => undefined);
  }

  function readableStreamClose(rs) {
    rs.state = 'closed';
    const reader = rs.reader;
    if (reader === null) return;
    reader.closedPromise.resolve(undefined);
    if (reader.kind === 'RSDR') {
      const requests = reader.readRequests;
      reader.readRequests = new Queue();
      while (requests.length) requests.shift().closeSteps();
    }
  }

  function readableStreamError(rs, e) {
    rs.state = 'errored';
    rs.storedError = e;
    const reader = rs.reader;
    if (reader === null) return;
    reader.closedPromise.reject(e);
    markHandled(reader.closedPromise.promise);
    if (reader.kind === 'RSDR') readableStreamDefaultReaderErrorReadRequests(reader, e);
    else readableStreamBYOBReaderErrorReadIntoRequests(reader, e);
  }

  function readableStreamAddReadRequest(rs, readRequest) { rs.reader.readRequests.push(readRequest); }
  function readableStreamAddReadIntoRequest(rs, readIntoRequest) { rs.reader.readIntoRequests.push(readIntoRequest); }
  function readableStreamFulfillReadRequest(rs, chunk, done) {
    const readRequest = rs.reader.readRequests.shift();
    if (done) readRequest.closeSteps();
    else readRequest.chunkSteps(chunk);
  }
  function readableStreamFulfillReadIntoRequest(rs, chunk, done) {
    const readIntoRequest = rs.reader.readIntoRequests.shift();
    if (done) readIntoRequest.closeSteps(chunk);
    else readIntoRequest.chunkSteps(chunk);
  }
  function readableStreamGetNumReadRequests(rs) { return rs.reader.readRequests.length; }
  function readableStreamGetNumReadIntoRequests(rs) { return rs.reader.readIntoRequests.length; }
  function readableStreamHasDefaultReader(rs) { return rs.reader !== null && rs.reader.kind === 'RSDR'; }
  function readableStreamHasBYOBReader(rs) { return rs.reader !== null && rs.reader.kind === 'RSBR'; }

  // ------------------------------------------------------------------ readers

  function readerGenericInitialize(reader, rs) {
    reader.stream = rs;
    rs.reader = reader;
    if (rs.state === 'readable') reader.closedPromise = deferred();
    else if (rs.state === 'closed') reader.closedPromise = resolvedDeferred(undefined);
    else reader.closedPromise = rejectedDeferred(rs.storedError);
  }
  function readerGenericCancel(reader, reason) { return readableStreamCancel(reader.stream, reason); }
  function readerGenericRelease(reader) {
    const rs = reader.stream;
    const e = typeError('the reader was released');
    if (rs.state === 'readable') reader.closedPromise.reject(e);
    else reader.closedPromise = rejectedDeferred(e);
    markHandled(reader.closedPromise.promise);
    rs.controller.releaseSteps();
    rs.reader = null;
    reader.stream = undefined;
  }

  class ReadableStreamDefaultReader {
    constructor(stream) {
      const rs = stream && stream[S];
      if (!rs || rs.kind !== 'RS') throw typeError('ReadableStreamDefaultReader needs a ReadableStream');
      const rec = { kind: 'RSDR', obj: this, stream: undefined, closedPromise: null, readRequests: new Queue() };
      setUpReadableStreamDefaultReader(rec, rs);
      this[S] = rec;
    }
    get closed() {
      try { return brand(this, 'RSDR', 'closed').closedPromise.promise; } catch (e) { return rejected(e); }
    }
    cancel(reason = undefined) {
      let rec;
      try { rec = brand(this, 'RSDR', 'ReadableStreamDefaultReader.cancel'); } catch (e) { return rejected(e); }
      if (rec.stream === undefined) return rejected(typeError('the reader has no stream'));
      return readerGenericCancel(rec, reason);
    }
    read() {
      let rec;
      try { rec = brand(this, 'RSDR', 'ReadableStreamDefaultReader.read'); } catch (e) { return rejected(e); }
      if (rec.stream === undefined) return rejected(typeError('the reader has no stream'));
      const d = deferred();
      readableStreamDefaultReaderRead(rec, {
        chunkSteps: (chunk) => d.resolve({ value: chunk, done: false }),
        closeSteps: () => d.resolve({ value: undefined, done: true }),
        errorSteps: (e) => d.reject(e),
      });
      return d.promise;
    }
    releaseLock() {
      const rec = brand(this, 'RSDR', 'ReadableStreamDefaultReader.releaseLock');
      if (rec.stream === undefined) return;
      readableStreamDefaultReaderRelease(rec);
    }
  }
  defineClass(ReadableStreamDefaultReader, 'ReadableStreamDefaultReader');

  function acquireReadableStreamDefaultReader(rs) {
    const rec = { kind: 'RSDR', obj: null, stream: undefined, closedPromise: null, readRequests: new Queue() };
    make(ReadableStreamDefaultReader, rec);
    setUpReadableStreamDefaultReader(rec, rs);
    return rec;
  }
  function setUpReadableStreamDefaultReader(reader, rs) {
    if (isReadableStreamLocked(rs)) throw typeError('the ReadableStream is locked to a reader');
    readerGenericInitialize(reader, rs);
    reader.readRequests = new Queue();
  }
  function readableStreamDefaultReaderRead(reader, readRequest) {
    const rs = reader.stream;
    rs.disturbed = true;
    if (rs.state === 'closed') readRequest.closeSteps();
    else if (rs.state === 'errored') readRequest.errorSteps(rs.storedError);
    else rs.controller.pullSteps(readRequest);
  }
  function readableStreamDefaultReaderRelease(reader) {
    readerGenericRelease(reader);
    readableStreamDefaultReaderErrorReadRequests(reader, typeError('the reader was released'));
  }
  function readableStreamDefaultReaderErrorReadRequests(reader, e) {
    const requests = reader.readRequests;
    reader.readRequests = new Queue();
    while (requests.length) requests.shift().errorSteps(e);
  }

  class ReadableStreamBYOBReader {
    constructor(stream) {
      const rs = stream && stream[S];
      if (!rs || rs.kind !== 'RS') throw typeError('ReadableStreamBYOBReader needs a ReadableStream');
      const rec = { kind: 'RSBR', obj: this, stream: undefined, closedPromise: null, readIntoRequests: new Queue() };
      setUpReadableStreamBYOBReader(rec, rs);
      this[S] = rec;
    }
    get closed() {
      try { return brand(this, 'RSBR', 'closed').closedPromise.promise; } catch (e) { return rejected(e); }
    }
    cancel(reason = undefined) {
      let rec;
      try { rec = brand(this, 'RSBR', 'ReadableStreamBYOBReader.cancel'); } catch (e) { return rejected(e); }
      if (rec.stream === undefined) return rejected(typeError('the reader has no stream'));
      return readerGenericCancel(rec, reason);
    }
    read(view, options = undefined) {
      let rec, min;
      try {
        rec = brand(this, 'RSBR', 'ReadableStreamBYOBReader.read');
        if (!ArrayBuffer.isView(view)) throw typeError('read() needs an ArrayBufferView');
        const o = dictionary(options, 'read options');
        min = o.min === undefined ? 1 : enforceRangeULL(o.min);
        if (view.byteLength === 0) throw typeError('the view must not be empty');
        if (view.buffer.byteLength === 0) throw typeError('the view\'s buffer must not be empty');
        if (isDetached(view.buffer)) throw typeError('the view\'s buffer is detached');
        if (min === 0) throw typeError('min must be greater than 0');
        if (view.constructor !== DataView) {
          if (min > view.length) throw new RangeError('min must not exceed the view\'s length');
        } else if (min > view.byteLength) throw new RangeError('min must not exceed the view\'s byteLength');
        if (rec.stream === undefined) throw typeError('the reader has no stream');
      } catch (e) { return rejected(e); }
      const d = deferred();
      readableStreamBYOBReaderRead(rec, view, min, {
        chunkSteps: (chunk) => d.resolve({ value: chunk, done: false }),
        closeSteps: (chunk) => d.resolve({ value: chunk, done: true }),
        errorSteps: (e) => d.reject(e),
      });
      return d.promise;
    }
    releaseLock() {
      const rec = brand(this, 'RSBR', 'ReadableStreamBYOBReader.releaseLock');
      if (rec.stream === undefined) return;
      readableStreamBYOBReaderRelease(rec);
    }
  }
  defineClass(ReadableStreamBYOBReader, 'ReadableStreamBYOBReader');

  function enforceRangeULL(v) {
    const n = Number(v);
    if (!Number.isFinite(n)) throw typeError('the value must be a finite number');
    const t = Math.trunc(n);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER) throw typeError('the value is out of range');
    return t;
  }

  function acquireReadableStreamBYOBReader(rs) {
    const rec = { kind: 'RSBR', obj: null, stream: undefined, closedPromise: null, readIntoRequests: new Queue() };
    make(ReadableStreamBYOBReader, rec);
    setUpReadableStreamBYOBReader(rec, rs);
    return rec;
  }
  function setUpReadableStreamBYOBReader(reader, rs) {
    if (isReadableStreamLocked(rs)) throw typeError('the ReadableStream is locked to a reader');
    if (rs.controller.kind !== 'RBSC') throw typeError('a BYOB reader needs a byte stream');
    readerGenericInitialize(reader, rs);
    reader.readIntoRequests = new Queue();
  }
  function readableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
    const rs = reader.stream;
    rs.disturbed = true;
    if (rs.state === 'errored') readIntoRequest.errorSteps(rs.storedError);
    else readableByteStreamControllerPullInto(rs.controller, view, min, readIntoRequest);
  }
  function readableStreamBYOBReaderRelease(reader) {
    readerGenericRelease(reader);
    readableStreamBYOBReaderErrorReadIntoRequests(reader, typeError('the reader was released'));
  }
  function readableStreamBYOBReaderErrorReadIntoRequests(reader, e) {
    const requests = reader.readIntoRequests;
    reader.readIntoRequests = new Queue();
    while (requests.length) requests.shift().errorSteps(e);
  }

  // ------------------------------------------------------------------ default controller

  class ReadableStreamDefaultController {
    constructor() { illegalConstructor(); }
    get desiredSize() { return readableStreamDefaultControllerGetDesiredSize(brand(this, 'RSDC', 'desiredSize')); }
    close() {
      const rec = brand(this, 'RSDC', 'ReadableStreamDefaultController.close');
      if (!readableStreamDefaultControllerCanCloseOrEnqueue(rec)) throw typeError('the stream cannot be closed');
      readableStreamDefaultControllerClose(rec);
    }
    enqueue(chunk = undefined) {
      const rec = brand(this, 'RSDC', 'ReadableStreamDefaultController.enqueue');
      if (!readableStreamDefaultControllerCanCloseOrEnqueue(rec)) throw typeError('the stream cannot accept chunks');
      readableStreamDefaultControllerEnqueue(rec, chunk);
    }
    error(e = undefined) { readableStreamDefaultControllerError(brand(this, 'RSDC', 'ReadableStreamDefaultController.error'), e); }
  }
  defineClass(ReadableStreamDefaultController, 'ReadableStreamDefaultController');

  function newDefaultControllerRecord() {
    return {
      kind: 'RSDC', obj: null, stream: null, queue: new Queue(), queueTotalSize: 0, started: false, closeRequested: false,
      pullAgain: false, pulling: false, strategySizeAlgorithm: undefined, strategyHWM: 1, pullAlgorithm: undefined,
      cancelAlgorithm: undefined,
      cancelSteps(reason) {
        resetQueue(this);
        const result = this.cancelAlgorithm(reason);
        readableStreamDefaultControllerClearAlgorithms(this);
        return result;
      },
      pullSteps(readRequest) {
        const rs = this.stream;
        if (this.queue.length > 0) {
          const chunk = dequeueValue(this);
          if (this.closeRequested && this.queue.length === 0) {
            readableStreamDefaultControllerClearAlgorithms(this);
            readableStreamClose(rs);
          } else readableStreamDefaultControllerCallPullIfNeeded(this);
          readRequest.chunkSteps(chunk);
        } else {
          readableStreamAddReadRequest(rs, readRequest);
          readableStreamDefaultControllerCallPullIfNeeded(this);
        }
      },
      releaseSteps() {},
    };
  }

  function readableStreamDefaultControllerCallPullIfNeeded(c) {
    if (!readableStreamDefaultControllerShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    uponPromise(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) { c.pullAgain = false; readableStreamDefaultControllerCallPullIfNeeded(c); }
    }, (e) => readableStreamDefaultControllerError(c, e));
  }
  function readableStreamDefaultControllerShouldCallPull(c) {
    const rs = c.stream;
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(c)) return false;
    if (!c.started) return false;
    if (isReadableStreamLocked(rs) && readableStreamHasDefaultReader(rs) && readableStreamGetNumReadRequests(rs) > 0) return true;
    return readableStreamDefaultControllerGetDesiredSize(c) > 0;
  }
  function readableStreamDefaultControllerClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function readableStreamDefaultControllerClose(c) {
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      readableStreamDefaultControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    }
  }
  function readableStreamDefaultControllerEnqueue(c, chunk) {
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(c)) return;
    const rs = c.stream;
    if (isReadableStreamLocked(rs) && readableStreamHasDefaultReader(rs) && readableStreamGetNumReadRequests(rs) > 0) {
      readableStreamFulfillReadRequest(rs, chunk, false);
    } else {
      let size;
      try { size = c.strategySizeAlgorithm(chunk); } catch (e) { readableStreamDefaultControllerError(c, e); throw e; }
      try { enqueueValueWithSize(c, chunk, size); } catch (e) { readableStreamDefaultControllerError(c, e); throw e; }
    }
    readableStreamDefaultControllerCallPullIfNeeded(c);
  }
  function readableStreamDefaultControllerError(c, e) {
    const rs = c.stream;
    if (rs.state !== 'readable') return;
    resetQueue(c);
    readableStreamDefaultControllerClearAlgorithms(c);
    readableStreamError(rs, e);
  }
  function readableStreamDefaultControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  function readableStreamDefaultControllerHasBackpressure(c) { return !readableStreamDefaultControllerShouldCallPull(c); }
  function readableStreamDefaultControllerCanCloseOrEnqueue(c) { return !c.closeRequested && c.stream.state === 'readable'; }

  function setUpReadableStreamDefaultController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm) {
    c.stream = rs;
    resetQueue(c);
    c.started = c.closeRequested = c.pullAgain = c.pulling = false;
    c.strategySizeAlgorithm = sizeAlgorithm;
    c.strategyHWM = hwm;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    rs.controller = c;
    const startResult = startAlgorithm();
    uponPromise(resolved(startResult), () => {
      c.started = true;
      readableStreamDefaultControllerCallPullIfNeeded(c);
    }, (r) => readableStreamDefaultControllerError(c, r));
  }
  function setUpReadableStreamDefaultControllerFromUnderlyingSource(rs, source, dict, hwm, sizeAlgorithm) {
    const c = newDefaultControllerRecord();
    make(ReadableStreamDefaultController, c);
    const startAlgorithm = dict.start ? () => ReflectApply(dict.start, source, [c.obj]) : () => undefined;
    const pullAlgorithm = dict.pull ? () => promiseCall(dict.pull, source, [c.obj]) : () => resolved(undefined);
    const cancelAlgorithm = dict.cancel ? (r) => promiseCall(dict.cancel, source, [r]) : () => resolved(undefined);
    setUpReadableStreamDefaultController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm);
  }

  // ------------------------------------------------------------------ byte stream controller

  class ReadableByteStreamController {
    constructor() { illegalConstructor(); }
    get byobRequest() { return readableByteStreamControllerGetBYOBRequest(brand(this, 'RBSC', 'byobRequest')); }
    get desiredSize() { return readableByteStreamControllerGetDesiredSize(brand(this, 'RBSC', 'desiredSize')); }
    close() {
      const c = brand(this, 'RBSC', 'ReadableByteStreamController.close');
      if (c.closeRequested) throw typeError('the stream is already closing');
      if (c.stream.state !== 'readable') throw typeError('the stream is not readable');
      readableByteStreamControllerClose(c);
    }
    enqueue(chunk) {
      const c = brand(this, 'RBSC', 'ReadableByteStreamController.enqueue');
      if (arguments.length < 1) throw typeError('enqueue: 1 argument required');
      if (!ArrayBuffer.isView(chunk)) throw typeError('enqueue: the chunk must be an ArrayBufferView');
      if (chunk.byteLength === 0) throw typeError('enqueue: the chunk must not be empty');
      if (chunk.buffer.byteLength === 0) throw typeError('enqueue: the chunk\'s buffer must not be empty');
      if (c.closeRequested) throw typeError('the stream is closing');
      if (c.stream.state !== 'readable') throw typeError('the stream is not readable');
      readableByteStreamControllerEnqueue(c, chunk);
    }
    error(e = undefined) { readableByteStreamControllerError(brand(this, 'RBSC', 'ReadableByteStreamController.error'), e); }
  }
  defineClass(ReadableByteStreamController, 'ReadableByteStreamController');

  class ReadableStreamBYOBRequest {
    constructor() { illegalConstructor(); }
    get view() { return brand(this, 'BYOBREQ', 'view').view; }
    respond(bytesWritten) {
      const r = brand(this, 'BYOBREQ', 'ReadableStreamBYOBRequest.respond');
      if (arguments.length < 1) throw typeError('respond: 1 argument required');
      bytesWritten = enforceRangeULL(bytesWritten);
      if (r.controller === undefined) throw typeError('the request was already answered');
      if (isDetached(r.view.buffer)) throw typeError('the view\'s buffer is detached');
      readableByteStreamControllerRespond(r.controller, bytesWritten);
    }
    respondWithNewView(view) {
      const r = brand(this, 'BYOBREQ', 'ReadableStreamBYOBRequest.respondWithNewView');
      if (!ArrayBuffer.isView(view)) throw typeError('respondWithNewView needs an ArrayBufferView');
      if (r.controller === undefined) throw typeError('the request was already answered');
      if (isDetached(view.buffer)) throw typeError('the view\'s buffer is detached');
      readableByteStreamControllerRespondWithNewView(r.controller, view);
    }
  }
  defineClass(ReadableStreamBYOBRequest, 'ReadableStreamBYOBRequest');

  function newByteControllerRecord() {
    return {
      kind: 'RBSC', obj: null, stream: null, queue: new Queue(), queueTotalSize: 0, started: false, closeRequested: false,
      pullAgain: false, pulling: false, strategyHWM: 0, pullAlgorithm: undefined, cancelAlgorithm: undefined,
      autoAllocateChunkSize: undefined, byobRequest: null, pendingPullIntos: [],
      cancelSteps(reason) {
        readableByteStreamControllerClearPendingPullIntos(this);
        resetQueue(this);
        const result = this.cancelAlgorithm(reason);
        readableByteStreamControllerClearAlgorithms(this);
        return result;
      },
      pullSteps(readRequest) {
        const rs = this.stream;
        if (this.queueTotalSize > 0) {
          readableByteStreamControllerFillReadRequestFromQueue(this, readRequest);
          return;
        }
        const autoAllocateChunkSize = this.autoAllocateChunkSize;
        if (autoAllocateChunkSize !== undefined) {
          let buffer;
          try { buffer = new ArrayBuffer(autoAllocateChunkSize); } catch (e) { readRequest.errorSteps(e); return; }
          this.pendingPullIntos.push({
            buffer, bufferByteLength: autoAllocateChunkSize, byteOffset: 0, byteLength: autoAllocateChunkSize,
            bytesFilled: 0, minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
          });
        }
        readableStreamAddReadRequest(rs, readRequest);
        readableByteStreamControllerCallPullIfNeeded(this);
      },
      releaseSteps() {
        if (this.pendingPullIntos.length > 0) {
          const first = this.pendingPullIntos[0];
          first.readerType = 'none';
          this.pendingPullIntos = [first];
        }
      },
    };
  }

  function readableByteStreamControllerGetBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const r = { kind: 'BYOBREQ', obj: null, controller: c, view };
      make(ReadableStreamBYOBRequest, r);
      c.byobRequest = r;
    }
    return c.byobRequest === null ? null : c.byobRequest.obj;
  }
  function readableByteStreamControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  function readableByteStreamControllerCallPullIfNeeded(c) {
    if (!readableByteStreamControllerShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    uponPromise(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) { c.pullAgain = false; readableByteStreamControllerCallPullIfNeeded(c); }
    }, (e) => readableByteStreamControllerError(c, e));
  }
  function readableByteStreamControllerShouldCallPull(c) {
    const rs = c.stream;
    if (rs.state !== 'readable') return false;
    if (c.closeRequested) return false;
    if (!c.started) return false;
    if (readableStreamHasDefaultReader(rs) && readableStreamGetNumReadRequests(rs) > 0) return true;
    if (readableStreamHasBYOBReader(rs) && readableStreamGetNumReadIntoRequests(rs) > 0) return true;
    return readableByteStreamControllerGetDesiredSize(c) > 0;
  }
  function readableByteStreamControllerClearAlgorithms(c) { c.pullAlgorithm = undefined; c.cancelAlgorithm = undefined; }
  function readableByteStreamControllerClearPendingPullIntos(c) {
    readableByteStreamControllerInvalidateBYOBRequest(c);
    c.pendingPullIntos = [];
  }
  function readableByteStreamControllerInvalidateBYOBRequest(c) {
    if (c.byobRequest === null) return;
    c.byobRequest.controller = undefined;
    c.byobRequest.view = null;
    c.byobRequest = null;
  }
  function readableByteStreamControllerClose(c) {
    const rs = c.stream;
    if (c.closeRequested || rs.state !== 'readable') return;
    if (c.queueTotalSize > 0) { c.closeRequested = true; return; }
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = typeError('the stream closed in the middle of an element');
        readableByteStreamControllerError(c, e);
        throw e;
      }
    }
    readableByteStreamControllerClearAlgorithms(c);
    readableStreamClose(rs);
  }
  function readableByteStreamControllerError(c, e) {
    const rs = c.stream;
    if (rs.state !== 'readable') return;
    readableByteStreamControllerClearPendingPullIntos(c);
    resetQueue(c);
    readableByteStreamControllerClearAlgorithms(c);
    readableStreamError(rs, e);
  }
  function readableByteStreamControllerEnqueue(c, chunk) {
    const rs = c.stream;
    if (c.closeRequested || rs.state !== 'readable') return;
    const { buffer, byteOffset, byteLength } = chunk;
    if (isDetached(buffer)) throw typeError('the chunk\'s buffer is detached');
    const transferredBuffer = transferArrayBuffer(buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (isDetached(first.buffer)) throw typeError('the pending read\'s buffer is detached');
      readableByteStreamControllerInvalidateBYOBRequest(c);
      first.buffer = transferArrayBuffer(first.buffer);
      if (first.readerType === 'none') readableByteStreamControllerEnqueueDetachedPullIntoToQueue(c, first);
    }
    if (readableStreamHasDefaultReader(rs)) {
      readableByteStreamControllerProcessReadRequestsUsingQueue(c);
      if (readableStreamGetNumReadRequests(rs) === 0) {
        readableByteStreamControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) readableByteStreamControllerShiftPendingPullInto(c);
        readableStreamFulfillReadRequest(rs, new Uint8Array(transferredBuffer, byteOffset, byteLength), false);
      }
    } else if (readableStreamHasBYOBReader(rs)) {
      readableByteStreamControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (const d of filled) readableByteStreamControllerCommitPullIntoDescriptor(rs, d);
    } else {
      readableByteStreamControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
    }
    readableByteStreamControllerCallPullIfNeeded(c);
  }
  function readableByteStreamControllerEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
    c.queue.push({ buffer, byteOffset, byteLength });
    c.queueTotalSize += byteLength;
  }
  function readableByteStreamControllerEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
    let clone;
    try { clone = buffer.slice(byteOffset, byteOffset + byteLength); } catch (e) { readableByteStreamControllerError(c, e); throw e; }
    readableByteStreamControllerEnqueueChunkToQueue(c, clone, 0, byteLength);
  }
  function readableByteStreamControllerEnqueueDetachedPullIntoToQueue(c, d) {
    if (d.bytesFilled > 0) readableByteStreamControllerEnqueueClonedChunkToQueue(c, d.buffer, d.byteOffset, d.bytesFilled);
    readableByteStreamControllerShiftPendingPullInto(c);
  }
  function readableByteStreamControllerFillPullIntoDescriptorFromQueue(c, d) {
    const maxBytesToCopy = Math.min(c.queueTotalSize, d.byteLength - d.bytesFilled);
    const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % d.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= d.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
      ready = true;
    }
    const queue = c.queue;
    while (totalBytesToCopyRemaining > 0) {
      const head = queue.peek();
      const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
      const destStart = d.byteOffset + d.bytesFilled;
      copyDataBlockBytes(d.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
      if (head.byteLength === bytesToCopy) queue.shift();
      else { head.byteOffset += bytesToCopy; head.byteLength -= bytesToCopy; }
      c.queueTotalSize -= bytesToCopy;
      readableByteStreamControllerFillHeadPullIntoDescriptor(c, bytesToCopy, d);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }
  function readableByteStreamControllerFillHeadPullIntoDescriptor(c, size, d) { d.bytesFilled += size; }
  function readableByteStreamControllerFillReadRequestFromQueue(c, readRequest) {
    const entry = c.queue.shift();
    c.queueTotalSize -= entry.byteLength;
    readableByteStreamControllerHandleQueueDrain(c);
    readRequest.chunkSteps(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }
  function readableByteStreamControllerHandleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      readableByteStreamControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    } else readableByteStreamControllerCallPullIfNeeded(c);
  }
  function readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.length > 0) {
      if (c.queueTotalSize === 0) break;
      const d = c.pendingPullIntos[0];
      if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(c, d)) {
        readableByteStreamControllerShiftPendingPullInto(c);
        filled.push(d);
      }
    }
    return filled;
  }
  function readableByteStreamControllerProcessReadRequestsUsingQueue(c) {
    const reader = c.stream.reader;
    while (reader.readRequests.length > 0) {
      if (c.queueTotalSize === 0) return;
      const readRequest = reader.readRequests.shift();
      readableByteStreamControllerFillReadRequestFromQueue(c, readRequest);
    }
  }
  function readableByteStreamControllerPullInto(c, view, min, readIntoRequest) {
    const rs = c.stream;
    const elementSize = elementSizeOf(view);
    const ctor = view.constructor;
    const minimumFill = min * elementSize;
    const byteOffset = view.byteOffset, byteLength = view.byteLength;
    let buffer;
    try { buffer = transferArrayBuffer(view.buffer); } catch (e) { readIntoRequest.errorSteps(e); return; }
    const d = {
      buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength, bytesFilled: 0, minimumFill, elementSize,
      viewConstructor: ctor, readerType: 'byob',
    };
    if (c.pendingPullIntos.length > 0) {
      c.pendingPullIntos.push(d);
      readableStreamAddReadIntoRequest(rs, readIntoRequest);
      return;
    }
    if (rs.state === 'closed') {
      readIntoRequest.closeSteps(new ctor(d.buffer, d.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(c, d)) {
        const filledView = readableByteStreamControllerConvertPullIntoDescriptor(d);
        readableByteStreamControllerHandleQueueDrain(c);
        readIntoRequest.chunkSteps(filledView);
        return;
      }
      if (c.closeRequested) {
        const e = typeError('the stream is closing');
        readableByteStreamControllerError(c, e);
        readIntoRequest.errorSteps(e);
        return;
      }
    }
    c.pendingPullIntos.push(d);
    readableStreamAddReadIntoRequest(rs, readIntoRequest);
    readableByteStreamControllerCallPullIfNeeded(c);
  }
  function readableByteStreamControllerConvertPullIntoDescriptor(d) {
    const elements = Math.floor(d.bytesFilled / d.elementSize);
    return new d.viewConstructor(d.buffer, d.byteOffset, elements);
  }
  function readableByteStreamControllerCommitPullIntoDescriptor(rs, d) {
    let done = false;
    if (rs.state === 'closed') done = true;
    const filledView = readableByteStreamControllerConvertPullIntoDescriptor(d);
    if (d.readerType === 'default') readableStreamFulfillReadRequest(rs, filledView, done);
    else readableStreamFulfillReadIntoRequest(rs, filledView, done);
  }
  function readableByteStreamControllerShiftPendingPullInto(c) { return c.pendingPullIntos.shift(); }
  function readableByteStreamControllerRespond(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    const state = c.stream.state;
    if (state === 'closed') {
      if (bytesWritten !== 0) throw typeError('bytesWritten must be 0 when the stream is closed');
    } else {
      if (bytesWritten === 0) throw typeError('bytesWritten must be greater than 0');
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeError('bytesWritten is out of range');
    }
    first.buffer = transferArrayBuffer(first.buffer);
    readableByteStreamControllerRespondInternal(c, bytesWritten);
  }
  function readableByteStreamControllerRespondInternal(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    readableByteStreamControllerInvalidateBYOBRequest(c);
    if (c.stream.state === 'closed') readableByteStreamControllerRespondInClosedState(c, first);
    else readableByteStreamControllerRespondInReadableState(c, bytesWritten, first);
    readableByteStreamControllerCallPullIfNeeded(c);
  }
  function readableByteStreamControllerRespondInClosedState(c, first) {
    if (first.readerType === 'none') readableByteStreamControllerShiftPendingPullInto(c);
    const rs = c.stream;
    if (readableStreamHasBYOBReader(rs)) {
      const filled = [];
      while (filled.length < readableStreamGetNumReadIntoRequests(rs)) filled.push(readableByteStreamControllerShiftPendingPullInto(c));
      for (const d of filled) readableByteStreamControllerCommitPullIntoDescriptor(rs, d);
    }
  }
  function readableByteStreamControllerRespondInReadableState(c, bytesWritten, d) {
    readableByteStreamControllerFillHeadPullIntoDescriptor(c, bytesWritten, d);
    if (d.readerType === 'none') {
      readableByteStreamControllerEnqueueDetachedPullIntoToQueue(c, d);
      const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (const f of filled) readableByteStreamControllerCommitPullIntoDescriptor(c.stream, f);
      return;
    }
    if (d.bytesFilled < d.minimumFill) return;
    readableByteStreamControllerShiftPendingPullInto(c);
    const remainderSize = d.bytesFilled % d.elementSize;
    if (remainderSize > 0) {
      const end = d.byteOffset + d.bytesFilled;
      readableByteStreamControllerEnqueueClonedChunkToQueue(c, d.buffer, end - remainderSize, remainderSize);
    }
    d.bytesFilled -= remainderSize;
    const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c);
    readableByteStreamControllerCommitPullIntoDescriptor(c.stream, d);
    for (const f of filled) readableByteStreamControllerCommitPullIntoDescriptor(c.stream, f);
  }
  function readableByteStreamControllerRespondWithNewView(c, view) {
    const first = c.pendingPullIntos[0];
    const state = c.stream.state;
    if (state === 'closed') {
      if (view.byteLength !== 0) throw typeError('the view must be empty when the stream is closed');
    } else if (view.byteLength === 0) throw typeError('the view must not be empty');
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw new RangeError('the view does not start where the request\'s does');
    if (first.bufferByteLength !== view.buffer.byteLength) throw new RangeError('the view\'s buffer has the wrong length');
    if (first.bytesFilled + view.byteLength > first.byteLength) throw new RangeError('the view is too long');
    const viewByteLength = view.byteLength;
    first.buffer = transferArrayBuffer(view.buffer);
    readableByteStreamControllerRespondInternal(c, viewByteLength);
  }

  function setUpReadableByteStreamController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize) {
    c.stream = rs;
    c.pullAgain = c.pulling = false;
    c.byobRequest = null;
    resetQueue(c);
    c.closeRequested = c.started = false;
    c.strategyHWM = hwm;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    c.pendingPullIntos = [];
    rs.controller = c;
    const startResult = startAlgorithm();
    uponPromise(resolved(startResult), () => {
      c.started = true;
      readableByteStreamControllerCallPullIfNeeded(c);
    }, (r) => readableByteStreamControllerError(c, r));
  }
  function setUpReadableByteStreamControllerFromUnderlyingSource(rs, source, dict, hwm) {
    const c = newByteControllerRecord();
    make(ReadableByteStreamController, c);
    const startAlgorithm = dict.start ? () => ReflectApply(dict.start, source, [c.obj]) : () => undefined;
    const pullAlgorithm = dict.pull ? () => promiseCall(dict.pull, source, [c.obj]) : () => resolved(undefined);
    const cancelAlgorithm = dict.cancel ? (r) => promiseCall(dict.cancel, source, [r]) : () => resolved(undefined);
    if (dict.autoAllocateChunkSize === 0) throw typeError('autoAllocateChunkSize must be greater than 0');
    setUpReadableByteStreamController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, dict.autoAllocateChunkSize);
  }

  // ------------------------------------------------------------------ tee

  function readableStreamTee(rs, cloneForBranch2) {
    if (rs.controller.kind === 'RBSC') return readableByteStreamTee(rs);
    return readableStreamDefaultTee(rs, cloneForBranch2);
  }

  function readableStreamDefaultTee(rs, cloneForBranch2) {
    const reader = acquireReadableStreamDefaultReader(rs);
    let reading = false, readAgain = false, canceled1 = false, canceled2 = false;
    let reason1, reason2, branch1, branch2;
    const cancelPromise = deferred();
    function pullAlgorithm() {
      if (reading) { readAgain = true; return resolved(undefined); }
      reading = true;
      readableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => {
          queueMicrotask(() => {
            readAgain = false;
            const chunk1 = chunk;
            let chunk2 = chunk;
            if (!canceled2 && cloneForBranch2) {
              try { chunk2 = structuredClone(chunk2); } catch (e) {
                readableStreamDefaultControllerError(branch1.controller, e);
                readableStreamDefaultControllerError(branch2.controller, e);
                cancelPromise.resolve(readableStreamCancel(rs, e));
                return;
              }
            }
            if (!canceled1) readableStreamDefaultControllerEnqueue(branch1.controller, chunk1);
            if (!canceled2) readableStreamDefaultControllerEnqueue(branch2.controller, chunk2);
            reading = false;
            if (readAgain) pullAlgorithm();
          });
        },
        closeSteps: () => {
          reading = false;
          if (!canceled1) readableStreamDefaultControllerClose(branch1.controller);
          if (!canceled2) readableStreamDefaultControllerClose(branch2.controller);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        errorSteps: () => { reading = false; },
      });
      return resolved(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(rs, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(rs, [reason1, reason2]));
      return cancelPromise.promise;
    }
    const startAlgorithm = () => undefined;
    branch1 = createReadableStreamRecord(startAlgorithm, pullAlgorithm, cancel1Algorithm);
    branch2 = createReadableStreamRecord(startAlgorithm, pullAlgorithm, cancel2Algorithm);
    uponPromise(reader.closedPromise.promise, undefined, (r) => {
      readableStreamDefaultControllerError(branch1.controller, r);
      readableStreamDefaultControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }

  function readableByteStreamTee(rs) {
    let reader = acquireReadableStreamDefaultReader(rs);
    let reading = false, readAgainForBranch1 = false, readAgainForBranch2 = false;
    let canceled1 = false, canceled2 = false, reason1, reason2, branch1, branch2;
    const cancelPromise = deferred();
    function forwardReaderError(thisReader) {
      uponPromise(thisReader.closedPromise.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        readableByteStreamControllerError(branch1.controller, r);
        readableByteStreamControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      });
    }
    function pullWithDefaultReader() {
      if (reader.kind === 'RSBR') {
        readableStreamBYOBReaderRelease(reader);
        reader = acquireReadableStreamDefaultReader(rs);
        forwardReaderError(reader);
      }
      readableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const chunk1 = chunk;
            let chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try { chunk2 = cloneAsUint8Array(chunk); } catch (e) {
                readableByteStreamControllerError(branch1.controller, e);
                readableByteStreamControllerError(branch2.controller, e);
                cancelPromise.resolve(readableStreamCancel(rs, e));
                return;
              }
            }
            if (!canceled1) readableByteStreamControllerEnqueue(branch1.controller, chunk1);
            if (!canceled2) readableByteStreamControllerEnqueue(branch2.controller, chunk2);
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        closeSteps: () => {
          reading = false;
          if (!canceled1) readableByteStreamControllerClose(branch1.controller);
          if (!canceled2) readableByteStreamControllerClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) readableByteStreamControllerRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) readableByteStreamControllerRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        errorSteps: () => { reading = false; },
      });
    }
    function pullWithBYOBReader(view, forBranch2) {
      if (reader.kind === 'RSDR') {
        readableStreamDefaultReaderRelease(reader);
        reader = acquireReadableStreamBYOBReader(rs);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      readableStreamBYOBReaderRead(reader, view, 1, {
        chunkSteps: (chunk) => {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let clonedChunk;
              try { clonedChunk = cloneAsUint8Array(chunk); } catch (e) {
                readableByteStreamControllerError(byobBranch.controller, e);
                readableByteStreamControllerError(otherBranch.controller, e);
                cancelPromise.resolve(readableStreamCancel(rs, e));
                return;
              }
              if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
              readableByteStreamControllerEnqueue(otherBranch.controller, clonedChunk);
            } else if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        closeSteps: (chunk) => {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) readableByteStreamControllerClose(byobBranch.controller);
          if (!otherCanceled) readableByteStreamControllerClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) readableByteStreamControllerRespond(otherBranch.controller, 0);
          }
          if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
        },
        errorSteps: () => { reading = false; },
      });
    }
    function pull1Algorithm() {
      if (reading) { readAgainForBranch1 = true; return resolved(undefined); }
      reading = true;
      const byobRequest = readableByteStreamControllerGetBYOBRequest(branch1.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest[S].view, false);
      return resolved(undefined);
    }
    function pull2Algorithm() {
      if (reading) { readAgainForBranch2 = true; return resolved(undefined); }
      reading = true;
      const byobRequest = readableByteStreamControllerGetBYOBRequest(branch2.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest[S].view, true);
      return resolved(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(rs, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(rs, [reason1, reason2]));
      return cancelPromise.promise;
    }
    const startAlgorithm = () => undefined;
    branch1 = createReadableByteStreamRecord(startAlgorithm, pull1Algorithm, cancel1Algorithm);
    branch2 = createReadableByteStreamRecord(startAlgorithm, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ------------------------------------------------------------------ async iteration, from()

  const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype, {
    next: {
      value: function next() {
        const it = this && this[S];
        if (!it || it.kind !== 'RSAI') return rejected(typeError('next: Illegal invocation'));
        const nextSteps = () => asyncIteratorNext(it);
        it.ongoing = it.ongoing ? thenOf(it.ongoing, nextSteps, nextSteps) : nextSteps();
        return it.ongoing;
      },
      writable: true, enumerable: true, configurable: true,
    },
    return: {
      value: { return(value) {
        const it = this && this[S];
        if (!it || it.kind !== 'RSAI') return rejected(typeError('return: Illegal invocation'));
        const returnSteps = () => asyncIteratorReturn(it, value);
        it.ongoing = it.ongoing ? thenOf(it.ongoing, returnSteps, returnSteps) : returnSteps();
        return it.ongoing;
      } }.return,
      writable: true, enumerable: true, configurable: true,
    },
    [Symbol.toStringTag]: { value: 'ReadableStream AsyncIterator', configurable: true },
  });

  function createAsyncIterator(rs, preventCancel) {
    const reader = acquireReadableStreamDefaultReader(rs);
    const it = { kind: 'RSAI', reader, preventCancel, ongoing: null, finished: false };
    const obj = Object.create(ReadableStreamAsyncIteratorPrototype);
    obj[S] = it;
    return obj;
  }
  function asyncIteratorNext(it) {
    if (it.finished) return resolved({ value: undefined, done: true });
    const reader = it.reader;
    const d = deferred();
    readableStreamDefaultReaderRead(reader, {
      chunkSteps: (chunk) => d.resolve({ value: chunk, done: false }),
      closeSteps: () => { readableStreamDefaultReaderRelease(reader); it.finished = true; d.resolve({ value: undefined, done: true }); },
      errorSteps: (e) => { readableStreamDefaultReaderRelease(reader); it.finished = true; d.reject(e); },
    });
    return thenOf(d.promise, (result) => { if (result.done) it.ongoing = null; return result; });
  }
  function asyncIteratorReturn(it, value) {
    if (it.finished) return resolved({ value, done: true });
    it.finished = true;
    const reader = it.reader;
    if (!it.preventCancel) {
      const result = readerGenericCancel(reader, value);
      readableStreamDefaultReaderRelease(reader);
      return thenOf(result, () => ({ value, done: true }));
    }
    readableStreamDefaultReaderRelease(reader);
    return resolved({ value, done: true });
  }

  function readableStreamFromIterable(asyncIterable) {
    let iteratorRecord;
    const asyncMethod = asyncIterable === null || asyncIterable === undefined ? undefined : asyncIterable[Symbol.asyncIterator];
    if (asyncMethod !== undefined && asyncMethod !== null) {
      if (typeof asyncMethod !== 'function') throw typeError('Symbol.asyncIterator is not a function');
      const iterator = asyncMethod.call(asyncIterable);
      if (!isObject(iterator)) throw typeError('the async iterator is not an object');
      iteratorRecord = { iterator, next: iterator.next };
    } else {
      const syncMethod = asyncIterable === null || asyncIterable === undefined ? undefined : asyncIterable[Symbol.iterator];
      if (typeof syncMethod !== 'function') throw typeError('ReadableStream.from: the argument is not iterable');
      const syncIterator = syncMethod.call(asyncIterable);
      if (!isObject(syncIterator)) throw typeError('the iterator is not an object');
      const syncNext = syncIterator.next;
      const iterator = {
        next() {
          const r = syncNext.call(syncIterator);
          if (!isObject(r)) throw typeError('the iterator result is not an object');
          const done = !!r.done;
          return Promise.resolve(r.value).then((value) => ({ value, done }), (e) => {
            if (!done) { const ret = syncIterator.return; if (ret !== undefined && ret !== null) { try { ret.call(syncIterator); } catch { /* the first error wins */ } } }
            throw e;
          });
        },
        return(v) {
          const ret = syncIterator.return;
          if (ret === undefined || ret === null) return Promise.resolve({ value: v, done: true });
          let r;
          try { r = ret.call(syncIterator, v); } catch (e) { return Promise.reject(e); }
          if (!isObject(r)) return Promise.reject(typeError('the iterator result is not an object'));
          return Promise.resolve(r.value).then((value) => ({ value, done: !!r.done }));
        },
      };
      iteratorRecord = { iterator, next: iterator.next };
    }
    let stream;
    const pullAlgorithm = () => {
      let nextResult;
      try { nextResult = iteratorRecord.next.call(iteratorRecord.iterator); } catch (e) { return rejected(e); }
      return thenOf(resolved(nextResult), (iterResult) => {
        if (!isObject(iterResult)) throw typeError('the iterator result is not an object');
        if (iterResult.done) readableStreamDefaultControllerClose(stream.controller);
        else readableStreamDefaultControllerEnqueue(stream.controller, iterResult.value);
      });
    };
    const cancelAlgorithm = (reason) => {
      const iterator = iteratorRecord.iterator;
      let returnMethod;
      try { returnMethod = iterator.return; } catch (e) { return rejected(e); }
      if (returnMethod === undefined || returnMethod === null) return resolved(undefined);
      let returnResult;
      try { returnResult = returnMethod.call(iterator, reason); } catch (e) { return rejected(e); }
      return thenOf(resolved(returnResult), (r) => { if (!isObject(r)) throw typeError('the iterator result is not an object'); });
    };
    stream = createReadableStreamRecord(() => undefined, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  // ------------------------------------------------------------------ pipeTo

  function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireReadableStreamDefaultReader(source);
    const writer = acquireWritableStreamDefaultWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let currentWrite = resolved(undefined);
    const promise = deferred();
    let abortAlgorithm;

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) actions.push(() => (dest.state === 'writable' ? writableStreamAbort(dest, error) : resolved(undefined)));
        if (!preventCancel) actions.push(() => (source.state === 'readable' ? readableStreamCancel(source, error) : resolved(undefined)));
        shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
      };
      if (signal.aborted) { abortAlgorithm(); return promise.promise; }
      signal.addEventListener('abort', abortAlgorithm);
    }

    // Reading and writing: one chunk at a time, waiting for the writer's readiness.
    function pipeLoop() {
      return new Promise((resolveLoop, rejectLoop) => {
        function next(done) {
          if (done) resolveLoop();
          else thenOf(pipeStep(), next, rejectLoop);
        }
        next(false);
      });
    }
    function pipeStep() {
      if (shuttingDown) return resolved(true);
      return thenOf(writer.readyPromise.promise, () => {
        if (shuttingDown) return true;
        const d = deferred();
        readableStreamDefaultReaderRead(reader, {
          chunkSteps: (chunk) => {
            // Not synchronously inside the source's enqueue().
            currentWrite = thenOf(resolved(undefined), () => writableStreamDefaultWriterWrite(writer, chunk));
            markHandled(currentWrite);
            d.resolve(false);
          },
          closeSteps: () => d.resolve(true),
          errorSteps: () => d.resolve(true),
        });
        return d.promise;
      });
    }

    isOrBecomesErrored(source, reader.closedPromise.promise, (storedError) => {
      if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
      else shutdown(true, storedError);
    });
    isOrBecomesErrored(dest, writer.closedPromise.promise, (storedError) => {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
      else shutdown(true, storedError);
    });
    isOrBecomesClosed(source, reader.closedPromise.promise, () => {
      if (!preventClose) shutdownWithAction(() => writableStreamDefaultWriterCloseWithErrorPropagation(writer));
      else shutdown();
    });
    if (writableStreamCloseQueuedOrInFlight(dest) || dest.state === 'closed') {
      const destClosed = typeError('the destination is closed');
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    }
    markHandled(pipeLoop());

    function waitForWritesToFinish() {
      const oldCurrentWrite = currentWrite;
      return thenOf(currentWrite, () => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined), () => undefined);
    }
    function isOrBecomesErrored(stream, closed, action) {
      if (stream.state === 'errored') action(stream.storedError);
      else uponPromise(closed, undefined, action);
    }
    function isOrBecomesClosed(stream, closed, action) {
      if (stream.state === 'closed') action();
      else uponPromise(closed, action, undefined);
    }
    function shutdownWithAction(action, originalIsError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) {
        uponPromise(waitForWritesToFinish(), doTheRest, undefined);
      } else doTheRest();
      function doTheRest() {
        uponPromise(action(), () => finalize(originalIsError, originalError), (newError) => finalize(true, newError));
      }
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) {
        uponPromise(waitForWritesToFinish(), () => finalize(isError, error), undefined);
      } else finalize(isError, error);
    }
    function finalize(isError, error) {
      writableStreamDefaultWriterRelease(writer);
      readableStreamDefaultReaderRelease(reader);
      if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
      if (isError) promise.reject(error);
      else promise.resolve(undefined);
    }
    return promise.promise;
  }

  // ------------------------------------------------------------------ WritableStream

  class WritableStream {
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === null) throw typeError("Failed to construct 'WritableStream': the underlying sink cannot be null");
      const sink = underlyingSink === undefined ? {} : dictionary(underlyingSink, 'the underlying sink');
      const st = readStrategy(strategy);
      const dict = {
        abort: method(sink, 'abort', 'underlyingSink'),
        close: method(sink, 'close', 'underlyingSink'),
        start: method(sink, 'start', 'underlyingSink'),
        type: sink.type,
        write: method(sink, 'write', 'underlyingSink'),
      };
      if (dict.type !== undefined) throw new RangeError('WritableStream: the sink type must be undefined');
      const rec = newWritableStreamRecord();
      this[S] = rec;
      rec.obj = this;
      const sizeAlgorithm = extractSizeAlgorithm(st);
      const hwm = extractHighWaterMark(st, 1);
      setUpWritableStreamDefaultControllerFromUnderlyingSink(rec, sink, dict, hwm, sizeAlgorithm);
    }
    get locked() { return isWritableStreamLocked(brand(this, 'WS', 'WritableStream.locked')); }
    abort(reason = undefined) {
      let rec;
      try { rec = brand(this, 'WS', 'WritableStream.abort'); } catch (e) { return rejected(e); }
      if (isWritableStreamLocked(rec)) return rejected(typeError('Cannot abort a locked WritableStream'));
      return writableStreamAbort(rec, reason);
    }
    close() {
      let rec;
      try { rec = brand(this, 'WS', 'WritableStream.close'); } catch (e) { return rejected(e); }
      if (isWritableStreamLocked(rec)) return rejected(typeError('Cannot close a locked WritableStream'));
      if (writableStreamCloseQueuedOrInFlight(rec)) return rejected(typeError('the stream is already closing'));
      return writableStreamClose(rec);
    }
    getWriter() { return acquireWritableStreamDefaultWriter(brand(this, 'WS', 'WritableStream.getWriter')).obj; }
  }
  defineClass(WritableStream, 'WritableStream');

  function newWritableStreamRecord() {
    return {
      kind: 'WS', obj: null, state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: new Queue(), backpressure: false,
    };
  }
  function createWritableStreamRecord(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm = 1, sizeAlgorithm = () => 1) {
    const rec = newWritableStreamRecord();
    make(WritableStream, rec);
    const c = newWritableControllerRecord();
    make(WritableStreamDefaultController, c);
    setUpWritableStreamDefaultController(rec, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm);
    return rec;
  }

  function isWritableStreamLocked(ws) { return ws.writer !== undefined; }

  function writableStreamAbort(ws, reason) {
    if (ws.state === 'closed' || ws.state === 'errored') return resolved(undefined);
    signalAbort(ws.controller, reason);
    const state = ws.state;
    if (state === 'closed' || state === 'errored') return resolved(undefined);
    if (ws.pendingAbortRequest !== undefined) return ws.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') { wasAlreadyErroring = true; reason = undefined; }
    const promise = deferred();
    ws.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) writableStreamStartErroring(ws, reason);
    return promise.promise;
  }
  function writableStreamClose(ws) {
    const state = ws.state;
    if (state === 'closed' || state === 'errored') return rejected(typeError('the stream is closed or errored'));
    const promise = deferred();
    ws.closeRequest = promise;
    const writer = ws.writer;
    if (writer !== undefined && ws.backpressure && state === 'writable') writer.readyPromise.resolve(undefined);
    writableStreamDefaultControllerClose(ws.controller);
    return promise.promise;
  }
  function writableStreamAddWriteRequest(ws) {
    const promise = deferred();
    ws.writeRequests.push(promise);
    return promise.promise;
  }
  function writableStreamDealWithRejection(ws, error) {
    if (ws.state === 'writable') { writableStreamStartErroring(ws, error); return; }
    writableStreamFinishErroring(ws);
  }
  function writableStreamStartErroring(ws, reason) {
    const c = ws.controller;
    ws.state = 'erroring';
    ws.storedError = reason;
    const writer = ws.writer;
    if (writer !== undefined) writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
    if (!writableStreamHasOperationMarkedInFlight(ws) && c.started) writableStreamFinishErroring(ws);
  }
  function writableStreamFinishErroring(ws) {
    ws.state = 'errored';
    ws.controller.errorSteps();
    const storedError = ws.storedError;
    const requests = ws.writeRequests;
    ws.writeRequests = new Queue();
    while (requests.length) requests.shift().reject(storedError);
    if (ws.pendingAbortRequest === undefined) { writableStreamRejectCloseAndClosedPromiseIfNeeded(ws); return; }
    const abortRequest = ws.pendingAbortRequest;
    ws.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.promise.reject(storedError);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(ws);
      return;
    }
    const promise = ws.controller.abortSteps(abortRequest.reason);
    uponPromise(promise, () => {
      abortRequest.promise.resolve(undefined);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(ws);
    }, (reason) => {
      abortRequest.promise.reject(reason);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(ws);
    });
  }
  function writableStreamFinishInFlightWrite(ws) { ws.inFlightWriteRequest.resolve(undefined); ws.inFlightWriteRequest = undefined; }
  function writableStreamFinishInFlightWriteWithError(ws, error) {
    ws.inFlightWriteRequest.reject(error);
    ws.inFlightWriteRequest = undefined;
    writableStreamDealWithRejection(ws, error);
  }
  function writableStreamFinishInFlightClose(ws) {
    ws.inFlightCloseRequest.resolve(undefined);
    ws.inFlightCloseRequest = undefined;
    if (ws.state === 'erroring') {
      ws.storedError = undefined;
      if (ws.pendingAbortRequest !== undefined) {
        ws.pendingAbortRequest.promise.resolve(undefined);
        ws.pendingAbortRequest = undefined;
      }
    }
    ws.state = 'closed';
    const writer = ws.writer;
    if (writer !== undefined) writer.closedPromise.resolve(undefined);
  }
  function writableStreamFinishInFlightCloseWithError(ws, error) {
    ws.inFlightCloseRequest.reject(error);
    ws.inFlightCloseRequest = undefined;
    if (ws.pendingAbortRequest !== undefined) {
      ws.pendingAbortRequest.promise.reject(error);
      ws.pendingAbortRequest = undefined;
    }
    writableStreamDealWithRejection(ws, error);
  }
  function writableStreamCloseQueuedOrInFlight(ws) { return ws.closeRequest !== undefined || ws.inFlightCloseRequest !== undefined; }
  function writableStreamHasOperationMarkedInFlight(ws) { return ws.inFlightWriteRequest !== undefined || ws.inFlightCloseRequest !== undefined; }
  function writableStreamMarkCloseRequestInFlight(ws) { ws.inFlightCloseRequest = ws.closeRequest; ws.closeRequest = undefined; }
  function writableStreamMarkFirstWriteRequestInFlight(ws) { ws.inFlightWriteRequest = ws.writeRequests.shift(); }
  function writableStreamRejectCloseAndClosedPromiseIfNeeded(ws) {
    if (ws.closeRequest !== undefined) {
      ws.closeRequest.reject(ws.storedError);
      ws.closeRequest = undefined;
    }
    const writer = ws.writer;
    if (writer !== undefined) {
      writer.closedPromise.reject(ws.storedError);
      markHandled(writer.closedPromise.promise);
    }
  }
  function writableStreamUpdateBackpressure(ws, backpressure) {
    const writer = ws.writer;
    if (writer !== undefined && backpressure !== ws.backpressure) {
      if (backpressure) writer.readyPromise = deferred();
      else writer.readyPromise.resolve(undefined);
    }
    ws.backpressure = backpressure;
  }

  class WritableStreamDefaultWriter {
    constructor(stream) {
      const ws = stream && stream[S];
      if (!ws || ws.kind !== 'WS') throw typeError('WritableStreamDefaultWriter needs a WritableStream');
      const rec = newWriterRecord();
      this[S] = rec;
      rec.obj = this;
      setUpWritableStreamDefaultWriter(rec, ws);
    }
    get closed() {
      try { return brand(this, 'WSDW', 'closed').closedPromise.promise; } catch (e) { return rejected(e); }
    }
    get desiredSize() {
      const w = brand(this, 'WSDW', 'desiredSize');
      if (w.stream === undefined) throw typeError('the writer has no stream');
      return writableStreamDefaultWriterGetDesiredSize(w);
    }
    get ready() {
      try { return brand(this, 'WSDW', 'ready').readyPromise.promise; } catch (e) { return rejected(e); }
    }
    abort(reason = undefined) {
      let w;
      try { w = brand(this, 'WSDW', 'WritableStreamDefaultWriter.abort'); } catch (e) { return rejected(e); }
      if (w.stream === undefined) return rejected(typeError('the writer has no stream'));
      return writableStreamAbort(w.stream, reason);
    }
    close() {
      let w;
      try { w = brand(this, 'WSDW', 'WritableStreamDefaultWriter.close'); } catch (e) { return rejected(e); }
      const ws = w.stream;
      if (ws === undefined) return rejected(typeError('the writer has no stream'));
      if (writableStreamCloseQueuedOrInFlight(ws)) return rejected(typeError('the stream is already closing'));
      return writableStreamClose(ws);
    }
    releaseLock() {
      const w = brand(this, 'WSDW', 'WritableStreamDefaultWriter.releaseLock');
      if (w.stream === undefined) return;
      writableStreamDefaultWriterRelease(w);
    }
    write(chunk = undefined) {
      let w;
      try { w = brand(this, 'WSDW', 'WritableStreamDefaultWriter.write'); } catch (e) { return rejected(e); }
      if (w.stream === undefined) return rejected(typeError('the writer has no stream'));
      return writableStreamDefaultWriterWrite(w, chunk);
    }
  }
  defineClass(WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');

  function newWriterRecord() { return { kind: 'WSDW', obj: null, stream: undefined, readyPromise: null, closedPromise: null }; }
  function acquireWritableStreamDefaultWriter(ws) {
    const w = newWriterRecord();
    make(WritableStreamDefaultWriter, w);
    setUpWritableStreamDefaultWriter(w, ws);
    return w;
  }
  function setUpWritableStreamDefaultWriter(w, ws) {
    if (isWritableStreamLocked(ws)) throw typeError('the WritableStream is locked to a writer');
    w.stream = ws;
    ws.writer = w;
    const state = ws.state;
    if (state === 'writable') {
      w.readyPromise = !writableStreamCloseQueuedOrInFlight(ws) && ws.backpressure ? deferred() : resolvedDeferred(undefined);
      w.closedPromise = deferred();
    } else if (state === 'erroring') {
      w.readyPromise = rejectedDeferred(ws.storedError);
      w.closedPromise = deferred();
    } else if (state === 'closed') {
      w.readyPromise = resolvedDeferred(undefined);
      w.closedPromise = resolvedDeferred(undefined);
    } else {
      w.readyPromise = rejectedDeferred(ws.storedError);
      w.closedPromise = rejectedDeferred(ws.storedError);
    }
  }
  function writableStreamDefaultWriterCloseWithErrorPropagation(w) {
    const ws = w.stream;
    const state = ws.state;
    if (writableStreamCloseQueuedOrInFlight(ws) || state === 'closed') return resolved(undefined);
    if (state === 'errored') return rejected(ws.storedError);
    return writableStreamClose(ws);
  }
  function writableStreamDefaultWriterEnsureClosedPromiseRejected(w, error) {
    if (w.closedPromise.state === 'pending') w.closedPromise.reject(error);
    else w.closedPromise = rejectedDeferred(error);
    markHandled(w.closedPromise.promise);
  }
  function writableStreamDefaultWriterEnsureReadyPromiseRejected(w, error) {
    if (w.readyPromise.state === 'pending') w.readyPromise.reject(error);
    else w.readyPromise = rejectedDeferred(error);
    markHandled(w.readyPromise.promise);
  }
  function writableStreamDefaultWriterGetDesiredSize(w) {
    const ws = w.stream;
    const state = ws.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return writableStreamDefaultControllerGetDesiredSize(ws.controller);
  }
  function writableStreamDefaultWriterRelease(w) {
    const ws = w.stream;
    const releasedError = typeError('the writer was released');
    writableStreamDefaultWriterEnsureReadyPromiseRejected(w, releasedError);
    writableStreamDefaultWriterEnsureClosedPromiseRejected(w, releasedError);
    ws.writer = undefined;
    w.stream = undefined;
  }
  function writableStreamDefaultWriterWrite(w, chunk) {
    const ws = w.stream;
    const c = ws.controller;
    const chunkSize = writableStreamDefaultControllerGetChunkSize(c, chunk);
    if (ws !== w.stream) return rejected(typeError('the writer was released'));
    const state = ws.state;
    if (state === 'errored') return rejected(ws.storedError);
    if (writableStreamCloseQueuedOrInFlight(ws) || state === 'closed') return rejected(typeError('the stream is closing or closed'));
    if (state === 'erroring') return rejected(ws.storedError);
    const promise = writableStreamAddWriteRequest(ws);
    writableStreamDefaultControllerWrite(c, chunk, chunkSize);
    return promise;
  }

  class WritableStreamDefaultController {
    constructor() { illegalConstructor(); }
    get signal() { return brand(this, 'WSDC', 'signal').abortController.signal; }
    error(e = undefined) {
      const c = brand(this, 'WSDC', 'WritableStreamDefaultController.error');
      if (c.stream.state !== 'writable') return;
      writableStreamDefaultControllerError(c, e);
    }
  }
  defineClass(WritableStreamDefaultController, 'WritableStreamDefaultController');

  const closeSentinel = Symbol('close');
  function newWritableControllerRecord() {
    return {
      kind: 'WSDC', obj: null, stream: undefined, queue: new Queue(), queueTotalSize: 0, started: false,
      strategyHWM: 1, strategySizeAlgorithm: undefined, writeAlgorithm: undefined, closeAlgorithm: undefined,
      abortAlgorithm: undefined, abortController: undefined,
      abortSteps(reason) {
        const result = this.abortAlgorithm(reason);
        writableStreamDefaultControllerClearAlgorithms(this);
        return result;
      },
      errorSteps() { resetQueue(this); },
    };
  }
  function signalAbort(c, reason) {
    if (c.abortController !== undefined) c.abortController.abort(reason);
  }
  function setUpWritableStreamDefaultController(ws, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm) {
    c.stream = ws;
    ws.controller = c;
    resetQueue(c);
    c.abortController = new AbortController();
    c.started = false;
    c.strategySizeAlgorithm = sizeAlgorithm;
    c.strategyHWM = hwm;
    c.writeAlgorithm = writeAlgorithm;
    c.closeAlgorithm = closeAlgorithm;
    c.abortAlgorithm = abortAlgorithm;
    const backpressure = writableStreamDefaultControllerGetBackpressure(c);
    writableStreamUpdateBackpressure(ws, backpressure);
    const startResult = startAlgorithm();
    uponPromise(resolved(startResult), () => {
      c.started = true;
      writableStreamDefaultControllerAdvanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      writableStreamDealWithRejection(ws, r);
    });
  }
  function setUpWritableStreamDefaultControllerFromUnderlyingSink(ws, sink, dict, hwm, sizeAlgorithm) {
    const c = newWritableControllerRecord();
    make(WritableStreamDefaultController, c);
    const startAlgorithm = dict.start ? () => ReflectApply(dict.start, sink, [c.obj]) : () => undefined;
    const writeAlgorithm = dict.write ? (chunk) => promiseCall(dict.write, sink, [chunk, c.obj]) : () => resolved(undefined);
    const closeAlgorithm = dict.close ? () => promiseCall(dict.close, sink, []) : () => resolved(undefined);
    const abortAlgorithm = dict.abort ? (r) => promiseCall(dict.abort, sink, [r]) : () => resolved(undefined);
    setUpWritableStreamDefaultController(ws, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm);
  }
  function writableStreamDefaultControllerAdvanceQueueIfNeeded(c) {
    const ws = c.stream;
    if (!c.started) return;
    if (ws.inFlightWriteRequest !== undefined) return;
    const state = ws.state;
    if (state === 'erroring') { writableStreamFinishErroring(ws); return; }
    if (c.queue.length === 0) return;
    const value = peekQueueValue(c);
    if (value === closeSentinel) writableStreamDefaultControllerProcessClose(c);
    else writableStreamDefaultControllerProcessWrite(c, value);
  }
  function writableStreamDefaultControllerClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function writableStreamDefaultControllerClose(c) {
    enqueueValueWithSize(c, closeSentinel, 0);
    writableStreamDefaultControllerAdvanceQueueIfNeeded(c);
  }
  function writableStreamDefaultControllerError(c, error) {
    const ws = c.stream;
    writableStreamDefaultControllerClearAlgorithms(c);
    writableStreamStartErroring(ws, error);
  }
  function writableStreamDefaultControllerErrorIfNeeded(c, error) {
    if (c.stream.state === 'writable') writableStreamDefaultControllerError(c, error);
  }
  function writableStreamDefaultControllerGetBackpressure(c) { return writableStreamDefaultControllerGetDesiredSize(c) <= 0; }
  function writableStreamDefaultControllerGetChunkSize(c, chunk) {
    if (c.strategySizeAlgorithm === undefined) return 1;
    try { return c.strategySizeAlgorithm(chunk); } catch (e) { writableStreamDefaultControllerErrorIfNeeded(c, e); return 1; }
  }
  function writableStreamDefaultControllerGetDesiredSize(c) { return c.strategyHWM - c.queueTotalSize; }
  function writableStreamDefaultControllerProcessClose(c) {
    const ws = c.stream;
    writableStreamMarkCloseRequestInFlight(ws);
    dequeueValue(c);
    const sinkClosePromise = c.closeAlgorithm();
    writableStreamDefaultControllerClearAlgorithms(c);
    uponPromise(sinkClosePromise, () => writableStreamFinishInFlightClose(ws), (r) => writableStreamFinishInFlightCloseWithError(ws, r));
  }
  function writableStreamDefaultControllerProcessWrite(c, chunk) {
    const ws = c.stream;
    writableStreamMarkFirstWriteRequestInFlight(ws);
    const sinkWritePromise = c.writeAlgorithm(chunk);
    uponPromise(sinkWritePromise, () => {
      writableStreamFinishInFlightWrite(ws);
      const state = ws.state;
      dequeueValue(c);
      if (!writableStreamCloseQueuedOrInFlight(ws) && state === 'writable') {
        writableStreamUpdateBackpressure(ws, writableStreamDefaultControllerGetBackpressure(c));
      }
      writableStreamDefaultControllerAdvanceQueueIfNeeded(c);
    }, (reason) => {
      if (ws.state === 'writable') writableStreamDefaultControllerClearAlgorithms(c);
      writableStreamFinishInFlightWriteWithError(ws, reason);
    });
  }
  function writableStreamDefaultControllerWrite(c, chunk, chunkSize) {
    try { enqueueValueWithSize(c, chunk, chunkSize); } catch (e) { writableStreamDefaultControllerErrorIfNeeded(c, e); return; }
    const ws = c.stream;
    if (!writableStreamCloseQueuedOrInFlight(ws) && ws.state === 'writable') {
      writableStreamUpdateBackpressure(ws, writableStreamDefaultControllerGetBackpressure(c));
    }
    writableStreamDefaultControllerAdvanceQueueIfNeeded(c);
  }

  // ------------------------------------------------------------------ TransformStream

  class TransformStream {
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === null) transformer = undefined;
      const t = transformer === undefined ? {} : dictionary(transformer, 'the transformer');
      const ws = readStrategy(writableStrategy);
      const rs = readStrategy(readableStrategy);
      const dict = {
        cancel: method(t, 'cancel', 'transformer'),
        flush: method(t, 'flush', 'transformer'),
        readableType: t.readableType,
        start: method(t, 'start', 'transformer'),
        transform: method(t, 'transform', 'transformer'),
        writableType: t.writableType,
      };
      if (dict.readableType !== undefined) throw new RangeError('TransformStream: readableType must be undefined');
      if (dict.writableType !== undefined) throw new RangeError('TransformStream: writableType must be undefined');
      const readableHWM = extractHighWaterMark(rs, 0);
      const readableSizeAlgorithm = extractSizeAlgorithm(rs);
      const writableHWM = extractHighWaterMark(ws, 1);
      const writableSizeAlgorithm = extractSizeAlgorithm(ws);
      const rec = { kind: 'TS', obj: this, readable: null, writable: null, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined };
      this[S] = rec;
      const startPromise = deferred();
      initializeTransformStream(rec, startPromise.promise, writableHWM, writableSizeAlgorithm, readableHWM, readableSizeAlgorithm);
      setUpTransformStreamDefaultControllerFromTransformer(rec, t, dict);
      if (dict.start) startPromise.resolve(ReflectApply(dict.start, t, [rec.controller.obj]));
      else startPromise.resolve(undefined);
    }
    get readable() { return brand(this, 'TS', 'TransformStream.readable').readable.obj; }
    get writable() { return brand(this, 'TS', 'TransformStream.writable').writable.obj; }
  }
  defineClass(TransformStream, 'TransformStream');

  function initializeTransformStream(ts, startPromise, writableHWM, writableSizeAlgorithm, readableHWM, readableSizeAlgorithm) {
    const startAlgorithm = () => startPromise;
    const writeAlgorithm = (chunk) => transformStreamDefaultSinkWriteAlgorithm(ts, chunk);
    const abortAlgorithm = (reason) => transformStreamDefaultSinkAbortAlgorithm(ts, reason);
    const closeAlgorithm = () => transformStreamDefaultSinkCloseAlgorithm(ts);
    ts.writable = createWritableStreamRecord(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, writableHWM, writableSizeAlgorithm);
    const pullAlgorithm = () => transformStreamDefaultSourcePullAlgorithm(ts);
    const cancelAlgorithm = (reason) => transformStreamDefaultSourceCancelAlgorithm(ts, reason);
    ts.readable = createReadableStreamRecord(startAlgorithm, pullAlgorithm, cancelAlgorithm, readableHWM, readableSizeAlgorithm);
    ts.backpressure = undefined;
    ts.backpressureChangePromise = undefined;
    transformStreamSetBackpressure(ts, true);
    ts.controller = undefined;
  }
  function transformStreamError(ts, e) {
    readableStreamDefaultControllerError(ts.readable.controller, e);
    transformStreamErrorWritableAndUnblockWrite(ts, e);
  }
  function transformStreamErrorWritableAndUnblockWrite(ts, e) {
    transformStreamDefaultControllerClearAlgorithms(ts.controller);
    writableStreamDefaultControllerErrorIfNeeded(ts.writable.controller, e);
    transformStreamUnblockWrite(ts);
  }
  function transformStreamUnblockWrite(ts) {
    if (ts.backpressure) transformStreamSetBackpressure(ts, false);
  }
  function transformStreamSetBackpressure(ts, backpressure) {
    if (ts.backpressureChangePromise !== undefined) ts.backpressureChangePromise.resolve(undefined);
    ts.backpressureChangePromise = deferred();
    ts.backpressure = backpressure;
  }

  class TransformStreamDefaultController {
    constructor() { illegalConstructor(); }
    get desiredSize() {
      const c = brand(this, 'TSDC', 'desiredSize');
      return readableStreamDefaultControllerGetDesiredSize(c.stream.readable.controller);
    }
    enqueue(chunk = undefined) { transformStreamDefaultControllerEnqueue(brand(this, 'TSDC', 'TransformStreamDefaultController.enqueue'), chunk); }
    error(reason = undefined) { transformStreamDefaultControllerError(brand(this, 'TSDC', 'TransformStreamDefaultController.error'), reason); }
    terminate() { transformStreamDefaultControllerTerminate(brand(this, 'TSDC', 'TransformStreamDefaultController.terminate')); }
  }
  defineClass(TransformStreamDefaultController, 'TransformStreamDefaultController');

  function setUpTransformStreamDefaultController(ts, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    c.stream = ts;
    ts.controller = c;
    c.transformAlgorithm = transformAlgorithm;
    c.flushAlgorithm = flushAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
  }
  function newTransformControllerRecord() {
    return { kind: 'TSDC', obj: null, stream: undefined, transformAlgorithm: undefined, flushAlgorithm: undefined, cancelAlgorithm: undefined, finishPromise: undefined };
  }
  function setUpTransformStreamDefaultControllerFromTransformer(ts, transformer, dict) {
    const c = newTransformControllerRecord();
    make(TransformStreamDefaultController, c);
    let transformAlgorithm = (chunk) => {
      try { transformStreamDefaultControllerEnqueue(c, chunk); return resolved(undefined); } catch (e) { return rejected(e); }
    };
    let flushAlgorithm = () => resolved(undefined);
    let cancelAlgorithm = () => resolved(undefined);
    if (dict.transform) transformAlgorithm = (chunk) => promiseCall(dict.transform, transformer, [chunk, c.obj]);
    if (dict.flush) flushAlgorithm = () => promiseCall(dict.flush, transformer, [c.obj]);
    if (dict.cancel) cancelAlgorithm = (reason) => promiseCall(dict.cancel, transformer, [reason]);
    setUpTransformStreamDefaultController(ts, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
  }
  function transformStreamDefaultControllerClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function transformStreamDefaultControllerEnqueue(c, chunk) {
    const ts = c.stream;
    const rc = ts.readable.controller;
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(rc)) throw typeError('the readable side cannot accept chunks');
    try { readableStreamDefaultControllerEnqueue(rc, chunk); } catch (e) {
      transformStreamErrorWritableAndUnblockWrite(ts, e);
      throw ts.readable.storedError;
    }
    const backpressure = readableStreamDefaultControllerHasBackpressure(rc);
    if (backpressure !== ts.backpressure) transformStreamSetBackpressure(ts, true);
  }
  function transformStreamDefaultControllerError(c, e) { transformStreamError(c.stream, e); }
  function transformStreamDefaultControllerPerformTransform(c, chunk) {
    const transformPromise = c.transformAlgorithm(chunk);
    return thenOf(transformPromise, undefined, (r) => { transformStreamError(c.stream, r); throw r; });
  }
  function transformStreamDefaultControllerTerminate(c) {
    const ts = c.stream;
    readableStreamDefaultControllerClose(ts.readable.controller);
    transformStreamErrorWritableAndUnblockWrite(ts, typeError('the TransformStream was terminated'));
  }
  function transformStreamDefaultSinkWriteAlgorithm(ts, chunk) {
    const c = ts.controller;
    if (ts.backpressure) {
      return thenOf(ts.backpressureChangePromise.promise, () => {
        const writable = ts.writable;
        if (writable.state === 'erroring') throw writable.storedError;
        return transformStreamDefaultControllerPerformTransform(c, chunk);
      });
    }
    return transformStreamDefaultControllerPerformTransform(c, chunk);
  }
  function transformStreamDefaultSinkAbortAlgorithm(ts, reason) {
    const c = ts.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = ts.readable;
    c.finishPromise = deferred();
    const cancelPromise = c.cancelAlgorithm(reason);
    transformStreamDefaultControllerClearAlgorithms(c);
    uponPromise(cancelPromise, () => {
      if (readable.state === 'errored') c.finishPromise.reject(readable.storedError);
      else {
        readableStreamDefaultControllerError(readable.controller, reason);
        c.finishPromise.resolve(undefined);
      }
    }, (r) => {
      readableStreamDefaultControllerError(readable.controller, r);
      c.finishPromise.reject(r);
    });
    return c.finishPromise.promise;
  }
  function transformStreamDefaultSinkCloseAlgorithm(ts) {
    const c = ts.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = ts.readable;
    c.finishPromise = deferred();
    const flushPromise = c.flushAlgorithm();
    transformStreamDefaultControllerClearAlgorithms(c);
    uponPromise(flushPromise, () => {
      if (readable.state === 'errored') c.finishPromise.reject(readable.storedError);
      else {
        readableStreamDefaultControllerClose(readable.controller);
        c.finishPromise.resolve(undefined);
      }
    }, (r) => {
      readableStreamDefaultControllerError(readable.controller, r);
      c.finishPromise.reject(r);
    });
    return c.finishPromise.promise;
  }
  function transformStreamDefaultSourceCancelAlgorithm(ts, reason) {
    const c = ts.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const writable = ts.writable;
    c.finishPromise = deferred();
    const cancelPromise = c.cancelAlgorithm(reason);
    transformStreamDefaultControllerClearAlgorithms(c);
    uponPromise(cancelPromise, () => {
      if (writable.state === 'errored') c.finishPromise.reject(writable.storedError);
      else {
        writableStreamDefaultControllerErrorIfNeeded(writable.controller, reason);
        transformStreamUnblockWrite(ts);
        c.finishPromise.resolve(undefined);
      }
    }, (r) => {
      writableStreamDefaultControllerErrorIfNeeded(writable.controller, r);
      transformStreamUnblockWrite(ts);
      c.finishPromise.reject(r);
    });
    return c.finishPromise.promise;
  }
  function transformStreamDefaultSourcePullAlgorithm(ts) {
    transformStreamSetBackpressure(ts, false);
    return ts.backpressureChangePromise.promise;
  }

  // ------------------------------------------------------------------ queuing strategies

  function highWaterMarkInit(init, what) {
    if (arguments.length < 1 || init === undefined) throw typeError(`Failed to construct '${what}': 1 argument required`);
    const o = dictionary(init, what + ' init');
    if (o.highWaterMark === undefined) throw typeError(`Failed to construct '${what}': highWaterMark is required`);
    return Number(o.highWaterMark);
  }
  const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
  const countSize = { size() { return 1; } }.size;
  class ByteLengthQueuingStrategy {
    constructor(init) { this[S] = { kind: 'BLQS', highWaterMark: highWaterMarkInit(init, 'ByteLengthQueuingStrategy') }; }
    get highWaterMark() { return brand(this, 'BLQS', 'highWaterMark').highWaterMark; }
    get size() { brand(this, 'BLQS', 'size'); return byteLengthSize; }
  }
  defineClass(ByteLengthQueuingStrategy, 'ByteLengthQueuingStrategy');
  class CountQueuingStrategy {
    constructor(init) { this[S] = { kind: 'CQS', highWaterMark: highWaterMarkInit(init, 'CountQueuingStrategy') }; }
    get highWaterMark() { return brand(this, 'CQS', 'highWaterMark').highWaterMark; }
    get size() { brand(this, 'CQS', 'size'); return countSize; }
  }
  defineClass(CountQueuingStrategy, 'CountQueuingStrategy');

  // ------------------------------------------------------------------ streams built on TransformStream

  function transformPair(owner, kind, transformer) {
    const ts = new TransformStream(transformer);
    owner[S] = { kind, transform: ts[S] };
  }

  class TextEncoderStream {
    constructor() {
      const encoder = new TextEncoder();
      let pendingHighSurrogate = null;
      transformPair(this, 'TES', {
        transform(chunk, controller) {
          let s = String(chunk);
          if (pendingHighSurrogate !== null) { s = pendingHighSurrogate + s; pendingHighSurrogate = null; }
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) { pendingHighSurrogate = s[s.length - 1]; s = s.slice(0, -1); }
          if (s.length > 0) controller.enqueue(encoder.encode(s));
        },
        flush(controller) {
          if (pendingHighSurrogate !== null) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      });
    }
    get encoding() { brand(this, 'TES', 'encoding'); return 'utf-8'; }
    get readable() { return brand(this, 'TES', 'readable').transform.readable.obj; }
    get writable() { return brand(this, 'TES', 'writable').transform.writable.obj; }
  }
  defineClass(TextEncoderStream, 'TextEncoderStream');

  class TextDecoderStream {
    constructor(label = 'utf-8', options = undefined) {
      const decoder = new TextDecoder(label, options);
      transformPair(this, 'TDS', {
        transform(chunk, controller) {
          if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk) && !isSharedArrayBuffer(chunk)) {
            throw typeError('TextDecoderStream: chunks must be ArrayBuffers or views');
          }
          const s = decoder.decode(chunk, { stream: true });
          if (s.length > 0) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s.length > 0) controller.enqueue(s);
        },
      });
      this[S].decoder = decoder;
    }
    get encoding() { return brand(this, 'TDS', 'encoding').decoder.encoding; }
    get fatal() { return brand(this, 'TDS', 'fatal').decoder.fatal; }
    get ignoreBOM() { return brand(this, 'TDS', 'ignoreBOM').decoder.ignoreBOM; }
    get readable() { return brand(this, 'TDS', 'readable').transform.readable.obj; }
    get writable() { return brand(this, 'TDS', 'writable').transform.writable.obj; }
  }
  defineClass(TextDecoderStream, 'TextDecoderStream');

  // Compression on the native zlib core (builtins/src/web/compression.rs).
  const FORMATS = ['deflate', 'deflate-raw', 'gzip'];
  function compressionFormat(format, what) {
    if (arguments.length < 1 || format === undefined) throw typeError(`Failed to construct '${what}': 1 argument required`);
    format = String(format);
    if (!FORMATS.includes(format)) throw typeError(`Failed to construct '${what}': Unsupported compression format: '${format}'`);
    return format;
  }
  function bufferSourceBytes(chunk, what) {
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    if (ArrayBuffer.isView(chunk)) {
      if (isSharedArrayBuffer(chunk.buffer)) throw typeError(what + ': chunks must not be backed by a SharedArrayBuffer');
      return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    throw typeError(what + ': chunks must be ArrayBuffers or ArrayBufferViews');
  }
  function zlibTransform(handle, what) {
    const emit = (controller, out) => { for (const piece of out) controller.enqueue(piece); };
    return {
      transform(chunk, controller) { emit(controller, native.zlibPush(handle, bufferSourceBytes(chunk, what), false)); },
      flush(controller) { emit(controller, native.zlibPush(handle, new Uint8Array(0), true)); },
    };
  }
  class CompressionStream {
    constructor(format) {
      const f = compressionFormat(format, 'CompressionStream');
      transformPair(this, 'CS', zlibTransform(native.zlibNew(f, true), 'CompressionStream'));
    }
    get readable() { return brand(this, 'CS', 'readable').transform.readable.obj; }
    get writable() { return brand(this, 'CS', 'writable').transform.writable.obj; }
  }
  defineClass(CompressionStream, 'CompressionStream');
  class DecompressionStream {
    constructor(format) {
      const f = compressionFormat(format, 'DecompressionStream');
      transformPair(this, 'DS', zlibTransform(native.zlibNew(f, false), 'DecompressionStream'));
    }
    get readable() { return brand(this, 'DS', 'readable').transform.readable.obj; }
    get writable() { return brand(this, 'DS', 'writable').transform.writable.obj; }
  }
  defineClass(DecompressionStream, 'DecompressionStream');

  // ------------------------------------------------------------------ seams for the runtime's
  // own modules (Request/Response bodies, Blob.stream(), stream.Readable.fromWeb/toWeb).

  const internals = {
    // A ReadableStream from pull/cancel callbacks (pull returns a promise; it calls enqueue/close).
    createReadable(start, pull, cancel, highWaterMark = 1, size = undefined) {
      const rs = createReadableStreamRecord(start || (() => undefined), pull ? () => promiseCall(pull, undefined, []) : () => resolved(undefined),
        cancel ? (r) => promiseCall(cancel, undefined, [r]) : () => resolved(undefined), highWaterMark, size || (() => 1));
      const c = rs.controller.obj;
      return { stream: rs.obj, controller: c };
    },
    isReadableStream(x) { return isObject(x) && x[S] !== undefined && x[S].kind === 'RS'; },
    isWritableStream(x) { return isObject(x) && x[S] !== undefined && x[S].kind === 'WS'; },
    isDisturbed(x) { return x[S].disturbed; },
    isErrored(x) { return x[S].state === 'errored'; },
    state(x) { return x[S].state; },
  };

  Object.defineProperty(ReadableStream, Symbol.for('wasmedge_boa.internal'), { value: internals });

  return {
    ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamDefaultController,
    ReadableByteStreamController, ReadableStreamBYOBRequest, WritableStream, WritableStreamDefaultWriter,
    WritableStreamDefaultController, TransformStream, TransformStreamDefaultController, ByteLengthQueuingStrategy,
    CountQueuingStrategy, TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream,
  };
})
