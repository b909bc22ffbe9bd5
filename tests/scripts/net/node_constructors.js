// Node's server and socket constructors work without `new`, stay subclassable, and keep their
// names; a net socket refuses a string written with the 'buffer' encoding in write() itself.
const http = require('http');
const https = require('https');
const net = require('net');
const tls = require('tls');

const made = [http.Server(), net.Server(), net.Socket(), net.Stream()];
for (const object of made) {
  console.log(object.constructor.name, object instanceof object.constructor, object instanceof require('events'));
}
console.log(http.Server.name, http.Server.length, net.Socket.name, typeof http.Server.prototype.listen);
// (TLS servers are made with their key and certificate; here only their constructors' shape.)
console.log(https.Server.name, typeof https.Server, tls.Server.name, typeof tls.Server);
class Mine extends http.Server {
  hello() { return 'mine'; }
}
const mine = new Mine();
console.log(mine.hello(), mine instanceof http.Server, mine.constructor === Mine);

const server = http.Server((req, res) => res.end('answered ' + req.url));
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/x' }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => { body += chunk; });
    res.on('end', () => {
      console.log(res.statusCode, body);
      server.close();
      echo();
    });
  });
});

function echo() {
  const echoServer = net.Server((socket) => socket.pipe(socket));
  echoServer.listen(0, '127.0.0.1', () => {
    const refused = net.connect(echoServer.address().port, '127.0.0.1', () => {
      try {
        refused.write('text', 'buffer');
      } catch (error) {
        console.log(error.name, error.code, error.message);
      }
      // As in Node, a socket whose write threw is only good for destroying.
      refused.destroy();
      const client = net.Socket();
      client.connect(echoServer.address().port, '127.0.0.1', () => {
        client.write('hex:', 'latin1');
        client.end(Buffer.from('6869', 'hex'));
      });
      let got = '';
      client.on('data', (chunk) => { got += chunk; });
      client.on('end', () => {
        console.log('echoed', got);
        echoServer.close();
      });
    });
  });
}
