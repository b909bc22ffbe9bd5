// util: styleText, stripVTControlCharacters, parseEnv, inspect's getters/showHidden, brand
// checks, and an inspect that a replaced Object.keys does not disturb.
const util = require('util');

// styleText: codes nest, the stream check can be turned off, bad input is an error.
console.log(JSON.stringify(util.styleText('green', 'ok', { validateStream: false })));
console.log(JSON.stringify(util.styleText(['underline', 'bgBlue'], 'hi', { validateStream: false })));
console.log(JSON.stringify(util.styleText('red', 'piped')));
for (const [format, text, options] of [['blinking', 'x'], [null, 'x'], ['red', 42], ['red', 'x', { stream: 7 }]]) {
  try {
    util.styleText(format, text, options);
    console.log('no error');
  } catch (err) {
    console.log(err.name, err.code);
  }
}
console.log(util.inspect.colors.red, util.inspect.colors.bold);

// stripVTControlCharacters: SGR, cursor, erase and OSC hyperlink sequences.
const styled = '\u001b[1;31mbold red\u001b[0m \u001b[2Kline \u001b]8;;https://example.test\u0007link\u001b]8;;\u001b\\';
console.log(JSON.stringify(util.stripVTControlCharacters(styled)));
try { util.stripVTControlCharacters(5); } catch (err) { console.log(err.code); }

// parseEnv: the .env format.
const env = [
  'PLAIN=value',
  '  SPACED = trimmed value   ',
  'export EXPORTED=yes',
  '# a comment line',
  'COMMENTED=before # after',
  'SINGLE=\'a # b\'',
  'DOUBLE="one\\ntwo"',
  'RAW=\'one\\ntwo\'',
  'MULTI="first',
  'second"',
  'BACKTICK=`has "quotes" and \'quotes\'`',
  'EMPTY=',
  'EQUALS=a=b=c',
  'PLAIN=replaced',
  '',
].join('\n');
console.log(util.parseEnv(env));
console.log(util.parseEnv(''));
try { util.parseEnv(null); } catch (err) { console.log(err.code); }

// inspect: getters, prototype accessors under showHidden.
class Point {
  constructor() { this.x = 1; }
  get double() { return this.x * 2; }
  get box() { return { x: this.x }; }
  get broken() { throw new Error('cannot'); }
  move() {}
}
console.log(util.inspect(new Point()));
console.log(util.inspect(new Point(), { showHidden: true }));
console.log(util.inspect(new Point(), { showHidden: true, getters: true }));
console.log(util.inspect({ get a() { return 1; }, get b() { return 2; }, set b(v) {} }, { getters: 'set' }));
console.log(util.inspect({ get a() { return 'text'; } }, { getters: true }));

// Line breaking follows Node's budget: short entries on one line, long ones one per line.
console.log(util.inspect({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'ddd' }));
console.log(util.inspect({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd' }));
console.log(util.inspect({ a: { b: { c: { d: 1 } } } }));
console.log(util.inspect({ a: { b: { c: {} } }, list: [1, 2, 3] }));

// An object that only inherits from Date/Map is not one.
function FakeDate() {}
FakeDate.prototype = Date.prototype;
const fakeMap = Object.create(Map.prototype);
console.log(util.inspect(new FakeDate()), util.types.isDate(new FakeDate()), util.types.isDate(new Date(0)));
console.log(util.inspect(fakeMap), util.types.isMap(fakeMap), util.types.isMap(new Map()));
console.log(util.isDeepStrictEqual(fakeMap, new Map()), util.isDeepStrictEqual(new Map([[1, 2]]), new Map([[1, 2]])));
console.log(util.types.isRegExp(/x/), util.types.isRegExp(Object.create(RegExp.prototype)), util.types.isRegExp(RegExp.prototype));

// A script replacing Object.keys does not change inspect.
const keys = Object.keys;
Object.keys = () => { throw new Error('replaced'); };
console.log(util.inspect({ a: [1, { b: 2 }] }));
Object.keys = keys;

// A Proxy whose get trap throws for keys it does not know is still inspected.
const strict = new Proxy({ a: 1 }, {
  get(target, key) {
    if (!(key in target)) throw new Error('unknown key ' + String(key));
    return target[key];
  },
});
console.log(util.inspect(strict), util.inspect({ nested: strict }));
