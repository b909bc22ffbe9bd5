// Start-up measurement (tests/bundle.rs, ignored test): an app whose imports are mostly the
// embedded library, the part of start-up that pre-initialization saves most on.
import * as http from 'http';
import * as fs from 'fs';
import * as stream from 'stream';
import * as util from 'util';
import { EventEmitter } from 'events';

print(typeof http.createServer, typeof fs.readFileSync, typeof stream.Readable, typeof util.format, typeof EventEmitter);
