// FileHandle.close() waits for the handle's operations already started: a read queued by one
// task completes even when another task closes the handle before it ran. Operations started
// after the close began fail with EBADF once it is done.
import { open, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

const dir = await mkdtemp('fhc-tmp-');
const file = join(dir, 'data.txt');
await writeFile(file, 'xyz');

const handle = await open(file, 'r');
const reading = handle.read(Buffer.alloc(3), 0, 3, 0);
const closing = handle.close();
const { bytesRead, buffer } = await reading;
await closing;
console.log(bytesRead, buffer.toString());
try {
  await handle.read(Buffer.alloc(1), 0, 1, 0);
} catch (error) {
  console.log(error.code, error.message);
}
console.log(await handle.close());

// Three tasks sharing one variable, each closing whatever handle it holds last.
let shared = null;
const tasks = [0, 1, 2].map(async (position) => {
  shared = await open(file, 'r');
  const { buffer } = await shared.read(Buffer.alloc(1), 0, 1, position);
  return buffer.toString();
});
const letters = await Promise.all(tasks.map((task) => task.finally(() => shared?.close())));
console.log(letters.join(''));
await rm(dir, { recursive: true });
