// `performance` (High Resolution Time + User Timing): the object model of
// builtins/src/web/performance.rs, evaluated on the first use of the global. The clock is native.
(function (native) {
  'use strict';
  const kEntry = Symbol('entry');
  const illegal = () => { throw new TypeError('Illegal constructor'); };
  const entries = [];

  function makeEntry(Class, name, entryType, startTime, duration, detail) {
    const entry = Object.create(Class.prototype);
    entry[kEntry] = { name, entryType, startTime, duration, detail };
    return entry;
  }
  function state(entry, what) {
    if (entry === null || typeof entry !== 'object' || !(kEntry in entry)) throw new TypeError(what + ': Illegal invocation');
    return entry[kEntry];
  }

  class PerformanceEntry {
    constructor() { illegal(); }
    get name() { return state(this, 'name').name; }
    get entryType() { return state(this, 'entryType').entryType; }
    get startTime() { return state(this, 'startTime').startTime; }
    get duration() { return state(this, 'duration').duration; }
    toJSON() {
      const { name, entryType, startTime, duration } = state(this, 'toJSON');
      return { name, entryType, startTime, duration };
    }
  }
  Object.defineProperty(PerformanceEntry.prototype, Symbol.toStringTag, { value: 'PerformanceEntry', configurable: true });

  function copyDetail(detail) {
    return detail === undefined || detail === null ? null : structuredClone(detail);
  }

  class PerformanceMark extends PerformanceEntry {
    constructor(name, options = undefined) {
      if (arguments.length < 1) throw new TypeError("Failed to construct 'PerformanceMark': 1 argument required, but only 0 present");
      name = String(name);
      if (options !== undefined && options !== null && typeof options !== 'object') throw new TypeError('PerformanceMark: options must be an object');
      const startTime = options && options.startTime !== undefined ? Number(options.startTime) : native.now();
      if (!Number.isFinite(startTime) || startTime < 0) throw new TypeError('PerformanceMark: startTime must be a non-negative number');
      const detail = copyDetail(options ? options.detail : undefined);
      return makeEntry(new.target === PerformanceMark ? PerformanceMark : new.target, name, 'mark', startTime, 0, detail);
    }
    get detail() { return state(this, 'detail').detail; }
    toJSON() { return { ...PerformanceEntry.prototype.toJSON.call(this), detail: this.detail }; }
  }
  Object.defineProperty(PerformanceMark.prototype, Symbol.toStringTag, { value: 'PerformanceMark', configurable: true });

  class PerformanceMeasure extends PerformanceEntry {
    constructor() { super(); }
    get detail() { return state(this, 'detail').detail; }
    toJSON() { return { ...PerformanceEntry.prototype.toJSON.call(this), detail: this.detail }; }
  }
  Object.defineProperty(PerformanceMeasure.prototype, Symbol.toStringTag, { value: 'PerformanceMeasure', configurable: true });

  function markTime(name, what) {
    if (typeof name === 'number') {
      if (name < 0) throw new TypeError(what + ': a time cannot be negative');
      return name;
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i][kEntry];
      if (e.entryType === 'mark' && e.name === name) return e.startTime;
    }
    throw new DOMException(`The mark '${name}' does not exist.`, 'SyntaxError');
  }

  function byStartTime(list) {
    return list.slice().sort((a, b) => a[kEntry].startTime - b[kEntry].startTime);
  }

  class Performance extends EventTarget {
    constructor() { illegal(); super(); }
    get timeOrigin() { return native.timeOrigin(); }
    mark(name, options = undefined) {
      const entry = new PerformanceMark(name, options);
      entries.push(entry);
      return entry;
    }
    measure(name, startOrOptions = undefined, endMark = undefined) {
      if (arguments.length < 1) throw new TypeError('performance.measure: 1 argument required');
      name = String(name);
      let start, end, detail = null, duration;
      if (startOrOptions !== null && typeof startOrOptions === 'object') {
        const o = startOrOptions;
        if (endMark !== undefined) throw new TypeError('performance.measure: options and an end mark cannot both be given');
        if (o.start === undefined && o.end === undefined) throw new TypeError('performance.measure: options need start or end');
        if (o.start !== undefined && o.end !== undefined && o.duration !== undefined) throw new TypeError('performance.measure: start, end and duration cannot all be given');
        if (o.end !== undefined) end = markTime(o.end, 'measure');
        else if (o.start !== undefined && o.duration !== undefined) end = markTime(o.start, 'measure') + Number(o.duration);
        else end = native.now();
        if (o.start !== undefined) start = markTime(o.start, 'measure');
        else if (o.duration !== undefined && o.end !== undefined) start = end - Number(o.duration);
        else start = 0;
        detail = copyDetail(o.detail);
      } else {
        end = endMark !== undefined ? markTime(String(endMark), 'measure') : native.now();
        start = startOrOptions !== undefined ? markTime(String(startOrOptions), 'measure') : 0;
      }
      duration = end - start;
      const entry = makeEntry(PerformanceMeasure, name, 'measure', start, duration, detail);
      entries.push(entry);
      return entry;
    }
    clearMarks(name = undefined) { clear('mark', name); }
    clearMeasures(name = undefined) { clear('measure', name); }
    getEntries() { return byStartTime(entries); }
    getEntriesByType(type) { type = String(type); return byStartTime(entries.filter((e) => e[kEntry].entryType === type)); }
    getEntriesByName(name, type = undefined) {
      name = String(name);
      return byStartTime(entries.filter((e) => e[kEntry].name === name && (type === undefined || e[kEntry].entryType === String(type))));
    }
    toJSON() { return { timeOrigin: this.timeOrigin }; }
  }
  Performance.prototype.now = native.now;
  Object.defineProperty(Performance.prototype, 'now', { enumerable: true });
  Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });

  function clear(type, name) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i][kEntry];
      if (e.entryType === type && (name === undefined || e.name === String(name))) entries.splice(i, 1);
    }
  }

  class Navigator { constructor() { illegal(); } }
  Object.defineProperty(Navigator.prototype, Symbol.toStringTag, { value: 'Navigator', configurable: true });

  // An EventTarget (for its methods) with Performance's prototype.
  const performance = Reflect.construct(EventTarget, [], Performance);
  return { performance, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, Navigator };
})
