// Ordering: sync code, microtasks, ticks, then timers by deadline (ties in order set).
const log = [];
setTimeout(() => log.push('timeout 20'), 20);
setTimeout(() => log.push('timeout 0 a'), 0);
setImmediate(() => log.push('immediate'));
setTimeout(() => log.push('timeout 0 b'));
setTimeout(() => log.push('timeout 5'), 5);
nextTick(() => {
    log.push('tick 1');
    Promise.resolve().then(() => log.push('micro from tick'));
    nextTick(() => log.push('tick from tick'));
});
Promise.resolve().then(() => log.push('micro 1'));
queueMicrotask(() => log.push('micro 2'));
nextTick((a, b) => log.push('tick 2 ' + a + b), 'x', 'y');
const cancelled = setTimeout(() => log.push('cancelled!'), 1);
clearTimeout(cancelled);
const cancelledImmediate = setImmediate(() => log.push('cancelled immediate!'));
clearImmediate(cancelledImmediate);
clearTimeout(undefined);
clearTimeout(42);
log.push('sync');
setTimeout(() => {
    for (const entry of log) print(entry);
}, 50);
