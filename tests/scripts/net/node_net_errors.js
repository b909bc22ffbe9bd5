// Node's net module: connection errors, timeouts, address in use, and Socket/Server basics.
import net from 'node:net';

console.log('isIP:', net.isIP('127.0.0.1'), net.isIP('::1'), net.isIP('nope'), net.isIPv4('1.2.3.4'), net.isIPv6('1.2.3.4'));

// Happy Eyeballs defaults (Node's test/common sets the timeout at start-up): kept and validated.
net.setDefaultAutoSelectFamilyAttemptTimeout(net.getDefaultAutoSelectFamilyAttemptTimeout() * 10);
net.setDefaultAutoSelectFamilyAttemptTimeout(net.getDefaultAutoSelectFamilyAttemptTimeout());
console.log('attempt timeout:', net.getDefaultAutoSelectFamilyAttemptTimeout(), 'auto select:', net.getDefaultAutoSelectFamily());
try { net.setDefaultAutoSelectFamilyAttemptTimeout(0); } catch (err) { console.log('bad timeout:', err.code); }
try { net.setDefaultAutoSelectFamily('yes'); } catch (err) { console.log('bad flag:', err.code); }

// Connecting to a closed port: an 'error' with Node's code, then 'close' with hadError.
await new Promise((resolve) => {
  const socket = net.connect({ port: 1, host: '127.0.0.1' });
  socket.on('error', (err) => console.log('refused:', err.code, err.syscall, err.address, err.port, err.message));
  socket.on('close', (hadError) => { console.log('closed after error:', hadError); resolve(); });
});

// Address in use.
const first = net.createServer().listen(0, '127.0.0.1');
await new Promise((resolve) => first.once('listening', resolve));
const port = first.address().port;
await new Promise((resolve) => {
  const second = net.createServer();
  second.on('error', (err) => { console.log('in use:', err.code, err.syscall); resolve(); });
  second.listen(port, '127.0.0.1');
});

// An idle socket times out ('timeout' only warns; the script decides), and destroy() closes it.
first.on('connection', (socket) => socket.on('error', () => {}));
await new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.setTimeout(100);
  socket.on('timeout', () => { console.log('timeout fired, still open:', !socket.destroyed); socket.destroy(); });
  socket.on('close', () => { console.log('destroyed after timeout'); resolve(); });
});

// The server counts connections and closes once they are gone.
first.getConnections((err, count) => console.log('connections before close:', err, typeof count));
first.close(() => console.log('server closed'));
console.log('listening after close():', first.listening);
