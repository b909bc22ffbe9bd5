// A first wasmedge_boa script: globals, a native module, a timer and a local HTTP round trip.
import * as os from 'os';
import { createServer } from 'http';

print('Hello', ...args.slice(1));
print('platform:', os.platform(), '| node-style process:', typeof process.nextTick);

const server = createServer((req, res) => res.end(`echo:${req.method} ${req.url}`));
server.listen(0, '127.0.0.1', async () => {
    const { port } = server.address();
    const reply = await fetch(`http://127.0.0.1:${port}/hello`);
    print('fetch ->', reply.status, await reply.text());
    server.close();
    setTimeout(() => print('bye after', 100, 'ms'), 100);
});
