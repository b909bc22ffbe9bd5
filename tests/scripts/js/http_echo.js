// The reference's wasi_http_echo.js shape: a server answering 'echo:' + body,
// tested through request() and fetch() in the same script, then exit.
import { createServer, request, fetch } from 'http';

const server = createServer((req, resp) => {
  print('server: req.httpVersion=', req.httpVersion);
  print('server: req.url=', req.url);
  print('server: req.method=', req.method);
  print('server: req.headers=', Object.keys(req.headers).sort());
  req.on('data', (body) => {
    print('server: req.body=', body);
    print();
    resp.write('echo:');
    resp.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  print('listening:', server.listening, typeof server.address().port);
  run(server.address().port);
});

async function run(port) {
  await new Promise((resolve) => {
    const client = request({ href: 'http://127.0.0.1:' + port + '/request', method: 'POST' }, (resp) => {
      let data = '';
      resp.on('data', (chunk) => { data += chunk; });
      resp.on('end', () => {
        print('request client recv:', data, resp.statusCode, resp.headers['transfer-encoding']);
        print();
        resolve();
      });
    });
    client.end('hello server');
  });
  const resp = await fetch('http://127.0.0.1:' + port + '/fetch', { method: 'POST', body: 'hello server' });
  print('fetch client recv:', await resp.text());
  print();
  server.close(() => print('server closed'));
}
