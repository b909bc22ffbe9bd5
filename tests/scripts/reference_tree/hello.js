// The shape of the QuickJS runtime's hello example, run beside a `modules/` folder written for
// that runtime: os, std and process are the runtime's own, my_mod comes from ./modules.
import * as os from 'os';
import * as std from 'std';
import * as process from 'process';
import { greeting, describe, Greeter } from 'my_mod';
import util from 'node:util';

args = args.slice(1);
print('Hello', ...args);
print('os:', typeof os.platform, typeof os.open, 'std:', typeof std.open, 'process:', typeof process.env);
print(greeting);
print(describe('abc'));
const greeter = new Greeter();
greeter.on('hi', (who) => print('event hi from', who));
greeter.emit('hi', 'Greeter');
print(util.format('%s=%d', 'answer', 42));

setTimeout(() => print('setTimeout 20ms'), 20);
nextTick(() => print('nextTick'));
print('end main');
