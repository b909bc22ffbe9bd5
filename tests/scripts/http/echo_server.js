// An http.createServer echo server on the port given as argument (0: any free port, printed), driven by tests/http.rs
// (no expectation file: the script runner skips it). Answers 'echo:' + body; GET /throw throws
// in the handler; GET /after-write throws after writing part of the response.
import { createServer } from 'http';

const port = Number(args[1]);
const server = createServer((req, res) => {
    if (req.url === '/throw') throw new Error('handler failed on purpose');
    if (req.url === '/after-write') {
        res.write('partial');
        throw new Error('failed after writing');
    }
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
        res.setHeader('content-type', 'text/plain');
        res.end('echo:' + req.method + ' ' + req.url + ' ' + body);
    });
});
server.keepAliveTimeout = 2000;
server.listen(port, '127.0.0.1', () => print('listening', server.address().port));
