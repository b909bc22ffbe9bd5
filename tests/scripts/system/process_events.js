// process as an event emitter (docs/system-modules.md): the same on both targets. Signal
// listeners are accepted everywhere; no signal is sent here.
const seen = [];
const a = (x) => seen.push('a' + x);
const b = (x) => seen.push('b' + x);
print('on returns process:', process.on('job', a) === process);
process.prependListener('job', b);
process.once('job', (x) => seen.push('once' + x));
print('count:', process.listenerCount('job'), 'names:', process.eventNames().join(','));
print('emit:', process.emit('job', 1), process.emit('job', 2), process.emit('nothing'));
print('seen:', seen.join(' '));
process.off('job', b);
process.emit('job', 3);
print('after off:', seen.slice(-1).join(' '), process.listeners('job').length);
process.on('job', a);
process.off('job', a);
print('one a left:', process.listenerCount('job'));
try {
  process.on('job', 'not a function');
} catch (e) {
  print('bad listener:', e.name);
}
const onTerm = () => print('never');
process.on('SIGTERM', onTerm);
print('SIGTERM listeners:', process.listenerCount('SIGTERM'));
process.removeAllListeners('SIGTERM');
process.removeAllListeners();
print('all removed:', process.eventNames().length);
