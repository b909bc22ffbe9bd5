// performance and navigator.
const t0 = performance.now();
let spin = 0;
for (let i = 0; i < 100000; i++) spin += i;
const t1 = performance.now();
print(typeof t0, t1 >= t0, t0 >= 0, Math.abs(performance.timeOrigin + t1 - Date.now()) < 1000);
const mark = performance.mark('start', { detail: { step: 1 } });
print(mark.name, mark.entryType, mark.duration, mark.detail.step, mark instanceof PerformanceEntry);
performance.mark('end');
const measure = performance.measure('span', 'start', 'end');
print(measure.entryType, measure.duration >= 0, measure instanceof PerformanceMeasure);
print(performance.getEntriesByType('mark').map((e) => e.name).join(','), performance.getEntriesByName('span').length);
performance.clearMarks('start');
print(performance.getEntries().map((e) => e.name).join(','));
try { performance.measure('x', 'no-such-mark'); } catch (e) { print(e.name); }
print(JSON.stringify(Object.keys(mark.toJSON())));
print(navigator.userAgent.startsWith('wasmedge_boa/'), navigator.hardwareConcurrency >= 1, typeof navigator.language);
print(Object.prototype.toString.call(performance), Object.prototype.toString.call(navigator));
