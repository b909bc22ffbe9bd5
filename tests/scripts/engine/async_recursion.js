// Unbounded async recursion: Boa 0.22 ends it with an engine error that scripts cannot catch;
// it is reported as the RangeError it is (not as an internal engine failure).
async function deeper(n) { return await deeper(n + 1); }
print('start');
deeper(0).catch((e) => print('caught', e.name));
