// A listener that throws does not stop the other listeners or dispatchEvent's caller; the error
// is reported as uncaught afterwards (status 1).
const t = new EventTarget();
t.addEventListener('x', () => { throw new Error('listener failed'); });
t.addEventListener('x', () => print('second listener ran'));
print('dispatch returned', t.dispatchEvent(new Event('x')));
