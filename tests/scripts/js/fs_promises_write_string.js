// FileHandle.write(string, position, encoding): an encoding that is not one writes UTF-8, as in
// Node; hex data must have whole bytes.
import { open, readFile, rm, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

// A fresh folder beside the script (the wasm build sees only its working directory).
const dir = await mkdtemp('fhw-tmp-');
const file = join(dir, 'out.txt');
const handle = await open(file, 'w+');
for (const encoding of [3, 'nope', 'latin1', 'hex']) {
  try {
    const { bytesWritten } = await handle.write('é!', null, encoding);
    console.log(String(encoding), bytesWritten);
  } catch (e) {
    console.log(String(encoding), e.code, e.message);
  }
}
console.log((await handle.write('6869', null, 'hex')).bytesWritten);
await handle.close();
console.log(JSON.stringify((await readFile(file)).toString('latin1')));
await rm(dir, { recursive: true });
