// Promise reactions queued before a nextTick run before it (as in the QuickJS runtime).
Promise.resolve().then(() => print('a (promise)'));
nextTick(() => print('b (tick)'));
(async () => {
    print('c (async body)');
    await null;
    print('d (after await)');
})();
print('e (sync)');
