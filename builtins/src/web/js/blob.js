// FormData, Blob.prototype.stream() and the body logic shared by Request and Response (Fetch's
// "extract a body", the body mixin's readers, multipart/form-data and urlencoded forms).
// Evaluated by builtins/src/web/blob.rs on the first use of Blob, File or FormData; `native`
// holds the Rust Blob and File classes and byte helpers.
(function (native) {
  'use strict';
  const { Blob, File } = native;
  const kInternal = Symbol.for('wasmedge_boa.internal');
  const kEntries = Symbol('entries');
  const STREAM_CHUNK = 65536;

  const encoder = new TextEncoder();
  function toUSV(value) { return String(value).toWellFormed ? String(value).toWellFormed() : String(value); }
  function concat(parts, total) {
    if (total === undefined) total = parts.reduce((n, p) => n + p.byteLength, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.byteLength; }
    return out;
  }

  // ------------------------------------------------------------------ Blob.prototype.stream

  function blobStream(blob) {
    let position = 0;
    const size = blob.size;
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        if (position >= size) {
          controller.close();
          if (controller.byobRequest) controller.byobRequest.respond(0);
          return;
        }
        const end = Math.min(size, position + STREAM_CHUNK);
        const bytes = native.blobBytes(blob, position, end);
        position = end;
        controller.enqueue(bytes);
      },
    });
  }
  Object.defineProperty(Blob.prototype, 'stream', {
    value: { stream() {
      if (!(this instanceof Blob)) throw new TypeError('Blob.stream: Illegal invocation');
      return blobStream(this);
    } }.stream,
    writable: true, enumerable: true, configurable: true,
  });

  // ------------------------------------------------------------------ FileReader, ProgressEvent

  const kProgress = Symbol('progress');
  class ProgressEvent extends Event {
    constructor(type, init = undefined) {
      super(type, init);
      const o = init === undefined || init === null ? {} : init;
      this[kProgress] = { lengthComputable: !!o.lengthComputable, loaded: Number(o.loaded || 0), total: Number(o.total || 0) };
    }
    get lengthComputable() { return this[kProgress].lengthComputable; }
    get loaded() { return this[kProgress].loaded; }
    get total() { return this[kProgress].total; }
  }
  Object.defineProperty(ProgressEvent.prototype, Symbol.toStringTag, { value: 'ProgressEvent', configurable: true });

  const kReader = Symbol('fileReader');
  const EMPTY = 0, LOADING = 1, DONE = 2;
  const later = (fn) => setTimeout(fn, 0);
  function readerState(r, what) {
    if (r === null || typeof r !== 'object' || !(kReader in r)) throw new TypeError(`FileReader.${what}: Illegal invocation`);
    return r[kReader];
  }
  function fire(reader, type, loaded, total) {
    reader.dispatchEvent(new ProgressEvent(type, { lengthComputable: total !== undefined, loaded: loaded || 0, total: total || 0 }));
  }
  function textEncodingFor(label, type, bytes) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    for (const candidate of [label, headerParameter(type || '', 'charset')]) {
      if (candidate === undefined || candidate === null) continue;
      try { return new TextDecoder(String(candidate)).encoding; } catch { /* unsupported: next */ }
    }
    return 'utf-8';
  }
  function packageResult(bytes, kind, blob, label) {
    switch (kind) {
      case 'arraybuffer': return bytes.slice().buffer;
      case 'binarystring': { let out = ''; for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192)); return out; }
      case 'dataurl': {
        let binary = '';
        for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        return 'data:' + (blob.type || 'application/octet-stream') + ';base64,' + btoa(binary);
      }
      default: return new TextDecoder(textEncodingFor(label, blob.type, bytes)).decode(bytes);
    }
  }
  function startRead(reader, blob, kind, label) {
    const st = readerState(reader, 'read');
    if (!(blob instanceof Blob)) throw new TypeError('FileReader: the argument is not a Blob');
    if (st.readyState === LOADING) throw new DOMException('The object is already busy reading Blobs.', 'InvalidStateError');
    st.readyState = LOADING;
    st.result = null;
    st.error = null;
    const token = ++st.token;
    const parts = [];
    let loaded = 0;
    const total = blob.size;
    const streamReader = blob.stream().getReader();
    later(() => {
      if (st.token !== token) return;
      fire(reader, 'loadstart', 0, total);
      const step = () => streamReader.read().then(({ value, done }) => {
        if (st.token !== token) return;
        if (!done) {
          parts.push(value);
          loaded += value.byteLength;
          later(() => { if (st.token === token) fire(reader, 'progress', loaded, total); });
          step();
          return;
        }
        later(() => {
          if (st.token !== token) return;
          st.readyState = DONE;
          st.result = packageResult(concat(parts, loaded), kind, blob, label);
          fire(reader, 'load', loaded, total);
          // After the microtasks the load listeners queued, as a browser's checkpoint would.
          queueMicrotask(() => { if (st.readyState !== LOADING) fire(reader, 'loadend', loaded, total); });
        });
      }, (error) => {
        later(() => {
          if (st.token !== token) return;
          st.readyState = DONE;
          st.result = null;
          st.error = error;
          fire(reader, 'error', loaded, total);
          if (st.readyState !== LOADING) fire(reader, 'loadend', loaded, total);
        });
      });
      step();
    });
  }

  class FileReader extends EventTarget {
    constructor() {
      super();
      this[kReader] = { readyState: EMPTY, result: null, error: null, token: 0, handlers: new Map() };
    }
    readAsArrayBuffer(blob) { startRead(this, blob, 'arraybuffer'); }
    readAsBinaryString(blob) { startRead(this, blob, 'binarystring'); }
    readAsText(blob, encoding = undefined) { startRead(this, blob, 'text', encoding); }
    readAsDataURL(blob) { startRead(this, blob, 'dataurl'); }
    abort() {
      const st = readerState(this, 'abort');
      if (st.readyState === EMPTY || st.readyState === DONE) { st.result = null; return; }
      st.readyState = DONE;
      st.result = null;
      st.token++;
      fire(this, 'abort');
      if (st.readyState !== LOADING) fire(this, 'loadend');
    }
    get readyState() { return readerState(this, 'readyState').readyState; }
    get result() { return readerState(this, 'result').result; }
    get error() { return readerState(this, 'error').error; }
  }
  for (const [name, value] of [['EMPTY', EMPTY], ['LOADING', LOADING], ['DONE', DONE]]) {
    Object.defineProperty(FileReader, name, { value, enumerable: true });
    Object.defineProperty(FileReader.prototype, name, { value, enumerable: true });
  }
  for (const type of ['loadstart', 'progress', 'load', 'abort', 'error', 'loadend']) {
    Object.defineProperty(FileReader.prototype, 'on' + type, {
      get() {
        const entry = readerState(this, 'on' + type).handlers.get(type);
        return entry ? entry.value : null;
      },
      set(value) {
        const st = readerState(this, 'on' + type);
        const previous = st.handlers.get(type);
        if (previous) this.removeEventListener(type, previous.listener);
        st.handlers.delete(type);
        if (typeof value !== 'function') return;
        const listener = (event) => value.call(this, event);
        this.addEventListener(type, listener);
        st.handlers.set(type, { value, listener });
      },
      enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(FileReader.prototype, Symbol.toStringTag, { value: 'FileReader', configurable: true });

  // ------------------------------------------------------------------ FormData

  function entryValue(value, filename, argCount, what) {
    if (value instanceof Blob) {
      if (!(value instanceof File) || filename !== undefined) {
        const name = filename !== undefined ? toUSV(filename) : (value instanceof File ? value.name : 'blob');
        return native.makeFile(value, name, value instanceof File ? value.lastModified : undefined);
      }
      return value;
    }
    if (argCount > 2) throw new TypeError(`FormData.${what}: the value must be a Blob when a filename is given`);
    return toUSV(value);
  }
  function entries(fd, what) {
    if (fd === null || typeof fd !== 'object' || !(kEntries in fd)) throw new TypeError(`FormData.${what}: Illegal invocation`);
    return fd[kEntries];
  }
  function needArgs(args, n, what) {
    if (args.length < n) throw new TypeError(`FormData.${what}: ${n} argument${n > 1 ? 's' : ''} required, but only ${args.length} present`);
  }

  class FormData {
    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) throw new TypeError("Failed to construct 'FormData': there are no HTML forms in this runtime");
      void submitter;
      this[kEntries] = [];
    }
    append(name, value, filename = undefined) {
      const list = entries(this, 'append');
      needArgs(arguments, 2, 'append');
      list.push([toUSV(name), entryValue(value, filename, arguments.length, 'append')]);
    }
    delete(name) {
      const list = entries(this, 'delete');
      needArgs(arguments, 1, 'delete');
      name = toUSV(name);
      for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === name) list.splice(i, 1);
    }
    get(name) {
      const list = entries(this, 'get');
      needArgs(arguments, 1, 'get');
      name = toUSV(name);
      const found = list.find((e) => e[0] === name);
      return found ? found[1] : null;
    }
    getAll(name) {
      const list = entries(this, 'getAll');
      needArgs(arguments, 1, 'getAll');
      name = toUSV(name);
      return list.filter((e) => e[0] === name).map((e) => e[1]);
    }
    has(name) {
      const list = entries(this, 'has');
      needArgs(arguments, 1, 'has');
      name = toUSV(name);
      return list.some((e) => e[0] === name);
    }
    set(name, value, filename = undefined) {
      const list = entries(this, 'set');
      needArgs(arguments, 2, 'set');
      name = toUSV(name);
      const entry = [name, entryValue(value, filename, arguments.length, 'set')];
      const first = list.findIndex((e) => e[0] === name);
      if (first === -1) { list.push(entry); return; }
      list[first] = entry;
      for (let i = list.length - 1; i > first; i--) if (list[i][0] === name) list.splice(i, 1);
    }
    forEach(callback, thisArg = undefined) {
      const list = entries(this, 'forEach');
      if (typeof callback !== 'function') throw new TypeError('FormData.forEach: the callback must be a function');
      for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i][1], list[i][0], this);
    }
    *entries() { const list = entries(this, 'entries'); for (let i = 0; i < list.length; i++) yield [list[i][0], list[i][1]]; }
    *keys() { const list = entries(this, 'keys'); for (let i = 0; i < list.length; i++) yield list[i][0]; }
    *values() { const list = entries(this, 'values'); for (let i = 0; i < list.length; i++) yield list[i][1]; }
  }
  Object.defineProperty(FormData.prototype, Symbol.iterator, { value: FormData.prototype.entries, writable: true, configurable: true });
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

  // ------------------------------------------------------------------ multipart/form-data

  function escapeName(name) { return name.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22'); }
  function normalizeNewlines(s) { return s.replace(/\r\n|\r|\n/g, '\r\n'); }
  function randomBoundary() {
    let s = '----formdata-wasmedgeboa-';
    for (let i = 0; i < 24; i++) s += Math.floor(Math.random() * 10);
    return s;
  }

  // Serializes `fd`: { parts: [Uint8Array | Blob], length, type }. Blob parts are read when
  // the body is streamed, never copied here.
  function serializeFormData(fd) {
    const boundary = randomBoundary();
    const parts = [];
    let length = 0;
    const add = (p) => { parts.push(p); length += p instanceof Blob ? p.size : p.byteLength; };
    for (const [name, value] of entries(fd, 'serialize')) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeNewlines(name))}"`;
      if (typeof value === 'string') {
        add(encoder.encode(head + '\r\n\r\n' + normalizeNewlines(value) + '\r\n'));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        add(encoder.encode(head));
        add(value);
        add(encoder.encode('\r\n'));
      }
    }
    add(encoder.encode(`--${boundary}--\r\n`));
    return { parts, length, type: 'multipart/form-data; boundary=' + boundary };
  }

  function partsStream(parts) {
    let index = 0, inner = null;
    return new ReadableStream({
      type: 'bytes',
      async pull(controller) {
        for (;;) {
          if (inner) {
            const { value, done } = await inner.read();
            if (!done) { controller.enqueue(value); return; }
            inner = null;
          }
          if (index >= parts.length) {
            controller.close();
            if (controller.byobRequest) controller.byobRequest.respond(0);
            return;
          }
          const part = parts[index++];
          if (part instanceof Blob) { inner = blobStream(part).getReader(); continue; }
          if (part.byteLength) { controller.enqueue(part.slice()); return; }
        }
      },
    });
  }

  // The parameter `name` of a header value such as `multipart/form-data; boundary=x`.
  function headerParameter(value, name) {
    const re = new RegExp(';\\s*' + name + '\\s*=\\s*("([^"]*)"|[^;\\s]*)', 'i');
    const m = re.exec(value);
    return m ? (m[2] !== undefined ? m[2] : m[1]) : null;
  }
  function essence(type) { return (type || '').split(';')[0].trim().toLowerCase(); }

  const decoder = new TextDecoder();
  function indexOf(bytes, pattern, from) {
    const first = pattern[0], last = bytes.length - pattern.length;
    outer: for (let i = from; i <= last; i++) {
      if (bytes[i] !== first) continue;
      for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return i;
    }
    return -1;
  }

  function parseMultipart(bytes, boundary) {
    const fd = new FormData();
    const delimiter = encoder.encode('--' + boundary);
    const bad = () => new TypeError('Failed to parse the body as multipart/form-data');
    let at = indexOf(bytes, delimiter, 0);
    if (at !== 0 && at === -1) throw bad();
    at += delimiter.length;
    for (;;) {
      // After a delimiter: "--" ends the body, CRLF starts a part.
      if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) return fd;
      if (bytes[at] !== 0x0d || bytes[at + 1] !== 0x0a) throw bad();
      at += 2;
      const headEnd = indexOf(bytes, encoder.encode('\r\n\r\n'), at);
      if (headEnd === -1) throw bad();
      const headers = decoder.decode(bytes.subarray(at, headEnd)).split('\r\n');
      let name = null, filename = null, type = 'text/plain';
      for (const line of headers) {
        const colon = line.indexOf(':');
        if (colon === -1) continue;
        const key = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (key === 'content-disposition') {
          if (essence(value) !== 'form-data') throw bad();
          name = headerParameter(value, 'name');
          filename = headerParameter(value, 'filename');
        } else if (key === 'content-type') type = value;
      }
      if (name === null) throw bad();
      const unescape = (s) => s.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%22/g, '"');
      const bodyStart = headEnd + 4;
      const next = indexOf(bytes, concat([encoder.encode('\r\n'), delimiter]), bodyStart);
      if (next === -1) throw bad();
      const body = bytes.subarray(bodyStart, next);
      if (filename !== null) fd.append(unescape(name), new File([body], unescape(filename), { type }));
      else fd.append(unescape(name), decoder.decode(body));
      at = next + 2 + delimiter.length;
    }
  }

  function parseUrlencoded(bytes) {
    const fd = new FormData();
    for (const [k, v] of new URLSearchParams(decoder.decode(bytes))) fd.append(k, v);
    return fd;
  }

  // ------------------------------------------------------------------ bodies (Fetch)

  // Fetch's "extract a body": { stream, source, length, type }. `source` keeps bytes or a
  // Blob so that readers can skip the stream when nothing touched it.
  function extractBody(object) {
    if (typeof object === 'string') {
      const bytes = encoder.encode(object);
      return { stream: null, source: bytes, length: bytes.byteLength, type: 'text/plain;charset=UTF-8' };
    }
    if (object instanceof ArrayBuffer) {
      const bytes = new Uint8Array(object.slice(0));
      return { stream: null, source: bytes, length: bytes.byteLength, type: null };
    }
    if (ArrayBuffer.isView(object)) {
      const bytes = new Uint8Array(object.buffer.slice(object.byteOffset, object.byteOffset + object.byteLength));
      return { stream: null, source: bytes, length: bytes.byteLength, type: null };
    }
    if (object instanceof Blob) {
      return { stream: null, source: object, length: object.size, type: object.type || null };
    }
    if (object instanceof URLSearchParams) {
      const bytes = encoder.encode(object.toString());
      return { stream: null, source: bytes, length: bytes.byteLength, type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    }
    if (object instanceof FormData) {
      const { parts, length, type } = serializeFormData(object);
      return { stream: partsStream(parts), source: null, length, type };
    }
    // Only an object that looks like a stream pays for building the streams family.
    if (object !== null && typeof object === 'object' && typeof object.getReader === 'function' && ReadableStream[kInternal].isReadableStream(object)) {
      if (object.locked || ReadableStream[kInternal].isDisturbed(object)) throw new TypeError('The body stream is locked or already read');
      return { stream: object, source: null, length: null, type: null };
    }
    if (object !== null && typeof object === 'object' && typeof object[Symbol.asyncIterator] === 'function') {
      return { stream: ReadableStream.from(object), source: null, length: null, type: null };
    }
    const bytes = encoder.encode(String(object));
    return { stream: null, source: bytes, length: bytes.byteLength, type: 'text/plain;charset=UTF-8' };
  }

  // The body's stream, made on first request.
  function bodyStream(body) {
    if (body.stream === null && !body.consumed) {
      const source = body.source;
      body.stream = source instanceof Blob ? blobStream(source) : new ReadableStream({
        type: 'bytes',
        start(controller) {
          if (source.byteLength) controller.enqueue(source.slice());
          controller.close();
        },
      });
    }
    return body.stream;
  }

  // Whether a body was read (its `bodyUsed`).
  function bodyUsed(body) {
    return body !== null && (body.consumed === true || (body.stream !== null && ReadableStream[kInternal].isDisturbed(body.stream)));
  }

  // All the bytes of a body, read once. A body nobody turned into a stream is read from its
  // source directly.
  async function readAllBytes(body) {
    if (bodyUsed(body) || (body.stream !== null && body.stream.locked)) throw new TypeError('Body is unusable: Body has already been read');
    if (body.stream === null) {
      body.consumed = true;
      const source = body.source;
      if (source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
      return source;
    }
    const reader = body.stream.getReader();
    const parts = [];
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError('The body stream produced a chunk that is not a Uint8Array');
      parts.push(value);
      total += value.byteLength;
    }
    return parts.length === 1 ? parts[0] : concat(parts, total);
  }

  function utf8Decode(bytes) { return decoder.decode(bytes); }

  // Package the bytes as `kind`, given the body's MIME type (Fetch's "package data").
  function packageData(bytes, kind, mimeType) {
    switch (kind) {
      case 'arrayBuffer': return bytes.buffer.byteLength === bytes.byteLength && bytes.byteOffset === 0 ? bytes.buffer : bytes.slice().buffer;
      case 'bytes': return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
      case 'blob': return native.makeBlob(bytes, mimeType || '');
      case 'text': return utf8Decode(bytes);
      case 'json': return JSON.parse(utf8Decode(bytes));
      case 'formData': {
        const e = essence(mimeType);
        if (e === 'multipart/form-data') {
          const boundary = headerParameter(mimeType, 'boundary');
          if (!boundary) throw new TypeError('Failed to parse the body as multipart/form-data: no boundary');
          return parseMultipart(bytes, boundary);
        }
        if (e === 'application/x-www-form-urlencoded') return parseUrlencoded(bytes);
        throw new TypeError(`Cannot parse a body of type '${mimeType || ''}' as FormData`);
      }
      default: throw new TypeError('unknown body kind ' + kind);
    }
  }

  // The body mixin's readers: body is the record from extractBody (or null for no body).
  async function consumeBody(body, kind, mimeType) {
    const bytes = body === null ? new Uint8Array(0) : await readAllBytes(body);
    return packageData(bytes, kind, mimeType);
  }

  // A body's stream split in two (Request/Response clone()).
  function teeBody(body) {
    const [a, b] = bodyStream(body).tee();
    body.stream = a;
    body.source = null;
    return { stream: b, source: null, length: body.length, type: body.type };
  }

  Object.defineProperty(FormData, kInternal, {
    value: { extractBody, bodyStream, bodyUsed, consumeBody, teeBody, serializeFormData, parseMultipart, parseUrlencoded, essence, headerParameter },
  });

  return { Blob, File, FormData, FileReader, ProgressEvent };
})
