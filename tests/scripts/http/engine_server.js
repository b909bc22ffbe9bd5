// An http.createServer server for tests/http_engine.rs (no expectation file: the script runner
// skips it). Arguments: port, then optional headersTimeout, requestTimeout, keepAliveTimeout (ms).
//   /big     a 1 MiB response            /hang    never answered
//   /ignore  answered without reading the body
//   /slow    answered after 500 ms        /close   answered, then server.close()
//   /count   'bytes=<body length>'        anything else: 'echo:<method> <url> <body>'
import { createServer } from 'http';

const [port, headersTimeout, requestTimeout, keepAliveTimeout] = args.slice(1).map(Number);
const big = Buffer.alloc(1024 * 1024, 'x');

const server = createServer((req, res) => {
  switch (req.url) {
    case '/big': res.end(big); return;
    case '/hang': return;
    case '/ignore': res.end('ignored'); return;
    case '/slow': setTimeout(() => res.end('slow done'), 500); return;
    case '/close':
      res.end('closing');
      server.close(() => print('closed'));
      return;
    default: {
      let length = 0;
      const parts = [];
      req.on('data', (chunk) => { length += chunk.length; if (req.url !== '/count') parts.push(chunk); });
      req.on('end', () => {
        res.end(req.url === '/count' ? 'bytes=' + length : 'echo:' + req.method + ' ' + req.url + ' ' + Buffer.concat(parts));
      });
    }
  }
});
if (headersTimeout) server.headersTimeout = headersTimeout;
if (requestTimeout) server.requestTimeout = requestTimeout;
if (keepAliveTimeout) server.keepAliveTimeout = keepAliveTimeout;
server.listen(port, '127.0.0.1', () => print('listening', server.address().port));
