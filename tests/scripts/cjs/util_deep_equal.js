// isDeepStrictEqual: Set and Map entries with object values pair one to one (two equal
// objects in one Set do not both match one object of the other), a failed comparison is not
// remembered as a match, and large typed arrays compare without testing each index key.
const util = require('util');
const t = (label, a, b) => console.log(label, util.isDeepStrictEqual(a, b), util.isDeepStrictEqual(b, a));
t('set dup', new Set([{ a: 1 }, { a: 1 }]), new Set([{ a: 1 }, { a: 2 }]));
t('set 3', new Set([{ a: 1 }, { a: 1 }, { a: 2 }]), new Set([{ a: 1 }, { a: 2 }, { a: 2 }]));
t('set order', new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }]));
t('map keys', new Map([[{ k: 1 }, 1], [{ k: 1 }, 1]]), new Map([[{ k: 1 }, 1], [{ k: 2 }, 1]]));
t('map order', new Map([[{ k: 1 }, 1], [{ k: 2 }, 2]]), new Map([[{ k: 2 }, 2], [{ k: 1 }, 1]]));
const x = { a: 1 };
t('array', [x, x], [{ a: 1 }, { a: 2 }]);
t('typed', new Uint8Array(100000), new Uint8Array(100000));
const tagged = new Uint8Array(3);
tagged.extra = 1;
t('typed extra', tagged, new Uint8Array(3));
