// Benchmark server on the JS `http` module: answers every request with its body, or
// 'echo:<url>' when it has none.   wasmedge_boa http_echo.js <port> [keepAliveTimeoutMs]
// (prints "listen <port>")
import { createServer } from 'http';

const port = Number(args[1] || 8000);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    res.setHeader('Content-Type', 'text/plain');
    if (chunks.length > 0) {
      for (const chunk of chunks) res.write(chunk);
      res.end();
    } else {
      res.end('echo:' + req.url);
    }
  });
});

if (args[2]) server.keepAliveTimeout = Number(args[2]);
server.listen(port, '127.0.0.1', () => print('listen', port));
