// Date strings beyond the ISO format that V8, SpiderMonkey and JavaScriptCore read, and so do
// scripts written for Node: Boa's parser refuses them, the runtime's fallback reads them. Without a
// zone the time is local, so those are compared with the same local time built from numbers.
const local = [
  ['1982-09-10 13:37', [1982, 8, 10, 13, 37]],
  ['1982/09/10 13:37:05', [1982, 8, 10, 13, 37, 5]],
  ['9/10/1982', [1982, 8, 10]],
  ['1982-9-10', [1982, 8, 10]],
  ['Sep 10 1982', [1982, 8, 10]],
  ['10 September 1982 1:37 pm', [1982, 8, 10, 13, 37]],
  ['September 10, 1982 12:00 AM', [1982, 8, 10, 0, 0]],
  ['Friday, September 10, 82', [1982, 8, 10]],
  ['0050/01/02 10:00', [1950, 0, 2, 10, 0]],
];
for (const [text, fields] of local) {
  const expected = new Date(...fields);
  console.log(JSON.stringify(text), new Date(text).getTime() === expected.getTime(), Date.parse(text) === expected.getTime());
}
const zoned = [
  '2017-04-08 17:59:38.008Z',
  '2017-04-08 17:59:38 UTC',
  'Fri, 10 Sep 1982 13:37:00 GMT+0200',
  'Fri Sep 10 1982 13:37:00 GMT-0330 (Somewhere Standard Time)',
  'Tue, 02 Jan 2024 03:04:05 +0000',
  '2024-01-02 03:04:05 +01:00',
];
for (const text of zoned) console.log(JSON.stringify(text), new Date(text).toISOString(), Date.parse(text));
// What no engine agrees on stays invalid, and the ISO format keeps its strict rules.
for (const text of ['13/13/2020', '1982-09-10 25:00', '-000000-03-31T01:45', '+275760-09-13T00:00:00.001Z', '']) {
  console.log(JSON.stringify(text), Date.parse(text), String(new Date(text)));
}
// The constructor is still Date: calls, subclasses, statics, objects converted to strings.
class Stamp extends Date {}
const stamp = new Stamp('2024-01-02 03:04:05Z');
console.log(stamp instanceof Stamp, stamp instanceof Date, stamp.toISOString(), typeof Date(), Date.length, Date.name);
console.log(Date.prototype.constructor === Date, Object.getPrototypeOf(Stamp) === Date, new Date({ toString: () => '2024-01-02 00:00Z' }).getTime());
