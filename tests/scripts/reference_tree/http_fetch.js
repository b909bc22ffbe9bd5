// An `http` server and a `fetch` client in one script, beside a `modules/` folder whose http.js
// and buffer.js were written for another runtime.
import { createServer } from 'http';
import { Buffer } from 'buffer';

const server = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.end(`${req.method} ${req.url} ` + Buffer.from('served').toString('base64'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const response = await fetch(`http://127.0.0.1:${server.address().port}/path?q=1`);
print(response.status, response.headers.get('content-type'));
print(await response.text());
server.close();
