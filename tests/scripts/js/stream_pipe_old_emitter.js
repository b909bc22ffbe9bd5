// pipe() puts its 'error' handler first on the destination even when the emitter has no
// prependListener (an old-style emitter).
import { EventEmitter } from 'node:events';
import { Stream } from 'node:stream';

function OldWritable() {
  Stream.call(this);
  this.writable = true;
  this.chunks = [];
}
Object.setPrototypeOf(OldWritable.prototype, Stream.prototype);
OldWritable.prototype.write = function (chunk) { this.chunks.push(String(chunk)); return true; };
OldWritable.prototype.end = function () { console.log('end:', this.chunks.join('')); };
OldWritable.prototype.prependListener = undefined;

const dest = new OldWritable();
dest.on('error', () => console.log('own error listener'));
const src = new Stream();
src.readable = true;
src.pipe(dest);
console.log('error listeners:', dest.listenerCount('error'));
src.emit('data', 'a');
src.emit('data', 'b');
src.emit('end');
console.log(typeof EventEmitter.prototype.prependListener);
