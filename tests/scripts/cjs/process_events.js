// process is an EventEmitter: uncaught errors go to listeners, beforeExit can queue more work,
// exit sees the final exitCode, which is the process's status.
let rounds = 0;
process.on('uncaughtException', (error, origin) => console.log('uncaught:', error.message, origin));
process.on('unhandledRejection', (reason) => console.log('unhandled rejection:', reason.message));
process.on('beforeExit', (code) => {
  console.log('beforeExit', code, 'round', ++rounds);
  if (rounds === 1) setTimeout(() => console.log('work queued by beforeExit'), 1);
});
process.on('exit', (code) => {
  console.log('exit', code);
  process.exitCode = 3;
});
process.on('warning', (warning) => console.log('warning event:', warning.name, warning.code, warning.message));
process.emitWarning('something odd', { type: 'CustomWarning', code: 'X001' });
setTimeout(() => { throw new Error('thrown in a timer'); }, 1);
Promise.reject(new Error('rejected and never handled'));
process.exitCode = 2;
throw new Error('thrown by the main module');
