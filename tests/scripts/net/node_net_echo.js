// Node's net module, written as for Node: an echo server that answers when the client half-closes,
// a client that writes, ends its side and still reads the answer, then both close.
import net from 'node:net';

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const parts = [];
  socket.on('data', (data) => parts.push(data));
  socket.on('end', () => {
    // The client ended its side; ours is still open for the answer.
    socket.end('echo:' + Buffer.concat(parts).toString());
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port, family, address } = server.address();
  console.log('listening', address, family, typeof port);
  const client = net.connect(port, '127.0.0.1', () => {
    console.log('connected', client.remoteAddress, client.remotePort === port, client.localAddress);
    client.setNoDelay(true);
    client.setKeepAlive(true, 1000);
    client.write('hello ');
    client.end('world');
  });
  let answer = '';
  client.setEncoding('utf8');
  client.on('data', (data) => { answer += data; });
  client.on('end', () => console.log('client got:', answer));
  client.on('close', (hadError) => {
    console.log('client closed, error:', hadError, 'read', client.bytesRead, 'written', client.bytesWritten);
    server.close(() => console.log('server closed'));
  });
});
