// Outside reference for bench/js/raw_echo.js: the same loop on Node's plain TCP sockets with a
// minimal request parser (head up to the blank line, Content-Length body), no http module.
//   node raw_echo.mjs <port>
import { createServer } from 'node:net';

const port = Number(process.argv[2] || 8000);

function serve(socket) {
  let pending = Buffer.alloc(0);
  socket.on('error', () => {}); // resets by the client end the connection, nothing to report
  socket.on('data', (data) => {
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    for (;;) {
      const headEnd = pending.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = pending.subarray(0, headEnd).toString('latin1');
      const lines = head.split('\r\n');
      const uri = lines[0].split(' ')[1];
      let length = 0;
      let closing = false;
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(':');
        const name = lines[i].slice(0, colon).trim().toLowerCase();
        const value = lines[i].slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        else if (name === 'connection') closing = value.toLowerCase() === 'close';
      }
      if (pending.length < headEnd + 4 + length) return;
      const body = length > 0 ? pending.subarray(headEnd + 4, headEnd + 4 + length) : Buffer.from('echo:' + uri);
      pending = pending.subarray(headEnd + 4 + length);
      const responseHead = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n' +
        (closing ? 'Connection: close\r\n' : '') + 'Content-Length: ' + body.length + '\r\n\r\n';
      socket.write(Buffer.concat([Buffer.from(responseHead), body]));
      if (closing) {
        socket.end();
        return;
      }
    }
  });
}

createServer(serve).listen(port, '127.0.0.1', () => console.log('listen', port));
