// Outside reference: bench/js/http_echo.js on Node's own http module.   node http_echo.mjs <port>
import { createServer } from 'node:http';

const port = Number(process.argv[2] || 8000);

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

if (process.argv[3]) server.keepAliveTimeout = Number(process.argv[3]);
server.listen(port, '127.0.0.1', () => console.log('listen', port));
