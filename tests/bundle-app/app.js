// The multi-module app tests/bundle.rs bundles (docs/bundle.md). What it does depends on args[1]:
//   demo         prints what each kind of import gave it (deterministic output)
//   facts        prints this run's clock, randomness, arguments and environment as JSON
//   serve PORT   answers one TCP request on 127.0.0.1:PORT, then exits
import { greet } from './lib/greet.js';              // relative import (which imports another)
import { shout } from 'shout';                        // bare name from ./modules
import config from './config.json' with { type: 'json' };
import * as path from 'path';                         // the embedded library
import * as net from 'wasi_net';                      // a native module

const mode = args[1] ?? 'demo';

// Top-level await: the module body waits on a timer before going on.
const waited = await new Promise((resolve) => setTimeout(() => resolve('after a timer'), 5));

if (mode === 'demo') {
    print(greet(config.name));
    print(shout('bare module'));
    print(path.join('a', 'b', '..', 'c.txt'));
    print('top-level await: ' + waited);
    const { twice } = await import('./lib/lazy.js');  // a dynamic import of a bundled module
    print('dynamic import: ' + twice(21));
    try {
        await import('./not-bundled.js');
    } catch (error) {
        print('unbundled import: ' + error.message.split(' (')[0]);
    }
} else if (mode === 'facts') {
    print(JSON.stringify({ now: Date.now(), random: Math.random(), args, env: env.BUNDLE_TEST ?? null }));
} else if (mode === 'serve') {
    // Answers the first connection that sends something (a port probe sends nothing).
    const server = new net.WasiTcpServer(Number(args[2]), '127.0.0.1');
    for (;;) {
        const connection = await server.accept();
        const data = await connection.read();
        if (data === undefined || data.byteLength === 0) {
            connection.close();
            continue;
        }
        connection.end(shout(greet(newStringFromUTF8(data).trim())));
        break;
    }
    server.close();
} else {
    throw new Error('unknown mode ' + mode);
}
