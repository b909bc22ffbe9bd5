const start = Date.now();
const result = await sleep((a, b) => print('slept', a, b), 30, 'x', 'y');
print('resolved with', result, Date.now() - start >= 25);
print('sleep with no callback:', (() => { try { sleep(undefined, 1); } catch (e) { return e.name; } })());
await new Promise((resolve) => nextTick(resolve));
print('after tick');
const rejected = sleep(() => { throw new Error('inside'); }, 1);
try { await rejected; } catch (e) { print('rejected:', e.message); }
