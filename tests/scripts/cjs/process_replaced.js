// A program may replace globalThis.process; the runtime keeps using the real process object
// (its 'beforeExit'/'exit' events, warnings), as Node does.
const realProcess = process;
realProcess.on('beforeExit', () => console.log('beforeExit'));
realProcess.on('exit', (code) => console.log('exit', code));
realProcess.on('warning', (warning) => console.log('warning:', warning.name));
globalThis.process = {};
setTimeout(() => console.log('overflowed timer ran'), 2 ** 31);
