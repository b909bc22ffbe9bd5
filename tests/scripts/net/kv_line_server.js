// A key-value store speaking a line protocol, written as an ordinary Node program (node:net,
// process.env, console) and run unmodified; driven by tests/net.rs (PORT=7070 node kv_line_server.js).
//   SET <key> <value>  -> OK        GET <key> -> VALUE <value> | NONE
//   DEL <key>          -> DELETED | NONE        KEYS -> KEYS <k1,k2,...>        QUIT -> BYE (closes)
import net from 'node:net';

const port = Number(process.env.PORT || 7070);
const store = new Map();

function answer(line) {
  const [command, key, ...rest] = line.trim().split(' ');
  switch ((command || '').toUpperCase()) {
    case 'SET': store.set(key, rest.join(' ')); return 'OK';
    case 'GET': return store.has(key) ? 'VALUE ' + store.get(key) : 'NONE';
    case 'DEL': return store.delete(key) ? 'DELETED' : 'NONE';
    case 'KEYS': return 'KEYS ' + [...store.keys()].sort().join(',');
    case 'QUIT': return null;
    default: return 'ERROR unknown command ' + JSON.stringify(command);
  }
}

const server = net.createServer((socket) => {
  socket.setEncoding('utf8');
  let pending = '';
  socket.on('data', (text) => {
    pending += text;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const reply = answer(line);
      if (reply === null) {
        socket.end('BYE\n');
        return;
      }
      socket.write(reply + '\n');
    }
  });
  socket.on('error', (err) => console.error('client error:', err.message));
});

server.listen(port, '127.0.0.1', () => console.log('listening', server.address().port));
