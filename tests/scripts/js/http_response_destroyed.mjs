// A client that destroys a response before its end (directly, or through pipeline() when the
// stream it feeds fails) aborts the connection: its socket closes, and the server sees the
// response close once, so server.close() can finish. Events are printed per side, sorted, since
// the two sides' order depends on the runtime's scheduling.
import http from 'node:http';
import { PassThrough, Readable, pipeline } from 'node:stream';

const events = [];
const note = (text) => events.push(text);

/** Runs one exchange; resolves once the server has closed and `serve`'s `finished` was called. */
async function scenario(name, serve, consume) {
  let finished;
  const serverSideDone = new Promise((resolve) => { finished = resolve; });
  const server = http.createServer((req, res) => {
    let closes = 0;
    res.on('close', () => note(`${name}: server response close #${++closes}`));
    serve(req, res, finished);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port: server.address().port, path: '/' + name }, (res) => {
      note(`${name}: client status ${res.statusCode}`);
      res.socket.on('close', () => note(`${name}: client socket close`));
      // Closing waits for the connection, which only the client's abort ends.
      server.close(() => {
        note(`${name}: server closed`);
        resolve();
      });
      consume(res);
    });
  });
  await serverSideDone;
  // Anything else a side would still emit comes within a turn of the loop.
  await new Promise((resolve) => setImmediate(resolve));
}

// A response that never ends, destroyed by the client once it has started.
await scenario('direct', (req, res, finished) => {
  res.on('close', finished);
  res.write('part');
}, (res) => {
  res.once('data', (chunk) => {
    note(`direct: client got ${chunk}`);
    res.destroy();
  });
});

// A server pipeline into the response, a client pipeline out of it whose sink fails.
await scenario('piped', (req, res, finished) => {
  let sent = false;
  const source = new Readable({
    read() {
      if (!sent) this.push('hello');
      sent = true;
    },
    destroy(error, callback) {
      note('piped: server source destroyed');
      callback(error);
    },
  });
  pipeline(source, res, (error) => {
    note(`piped: server pipeline ${error ? error.code : 'ok'}`);
    finished();
  });
}, (res) => {
  const sink = new PassThrough();
  sink.on('error', (error) => note(`piped: sink error ${error.message}`));
  pipeline(res, sink, (error) => note(`piped: client pipeline ${error.message}`));
  sink.once('data', () => sink.destroy(new Error('sink failed')));
});

console.log(events.sort().join('\n'));
