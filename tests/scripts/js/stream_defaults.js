// stream's default highWaterMark (get/set), Readable's async disposal, setEncoding(null) and
// the operators' names, lengths and attributes.
const { Readable, Writable, getDefaultHighWaterMark, setDefaultHighWaterMark } = require('node:stream');

console.log('defaults', getDefaultHighWaterMark(false), getDefaultHighWaterMark(true));
setDefaultHighWaterMark(false, 1000);
console.log('after set', new Readable({ read() {} }).readableHighWaterMark, new Writable({ write() {} }).writableHighWaterMark,
  new Readable({ read() {}, objectMode: true }).readableHighWaterMark);
try {
  setDefaultHighWaterMark(false, -1);
} catch (e) {
  console.log('negative', e.code);
}
setDefaultHighWaterMark(false, 16 * 1024);

const lengths = ['map', 'filter', 'forEach', 'toArray', 'some', 'every', 'find', 'reduce', 'flatMap', 'drop', 'take']
  .map((name) => `${Readable.prototype[name].name}/${Readable.prototype[name].length}`);
console.log('operators', lengths.join(' '));
const descriptor = Object.getOwnPropertyDescriptor(Readable.prototype, 'map');
console.log('map descriptor', descriptor.enumerable, descriptor.writable, descriptor.configurable);

const readable = new Readable({ read() {} });
readable.setEncoding(null);
console.log('setEncoding(null)', readable.readableEncoding);
readable.on('error', (e) => console.log('error event', e.name));
readable[Symbol.asyncDispose]().then(() => console.log('disposed', readable.destroyed, readable.errored.name));
