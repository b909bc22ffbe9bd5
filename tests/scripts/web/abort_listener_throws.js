// A throwing abort listener does not stop the other listeners or abort()'s caller; the error is
// then reported as uncaught (exit status 1), as an exception in an event listener is.
const controller = new AbortController();
controller.signal.addEventListener('abort', () => { throw new Error('listener failed'); });
controller.signal.addEventListener('abort', () => print('second listener still runs'));
controller.abort();
print('abort() returned normally');
