import { name, value } from './lib/helper.js';
import { dir } from './lib/sub/deep.js';
import { where as fromModulesDir } from 'my_mod';
import { where as fromCwd } from 'local_mod';
import data from './data.json' with { type: 'json' };
import mjs from './noext_target';
import { EventEmitter } from 'node:events';
import * as std from 'std';

print(name, '|', value);
print('__dirname in lib/sub/deep.js:', dir);
print('__dirname here:', JSON.stringify(__dirname));
print(fromModulesDir);
print(fromCwd);
print(data.answer, data.list.length);
print(mjs);
print(typeof EventEmitter, typeof std);
print(import.meta.url.startsWith('file://'), import.meta.url.endsWith('/modules_resolution.js'));

const dynamic = await import('./lib/helper.js');
print('dynamic:', dynamic.name);
const again = await import('./lib/helper.js');
print('same instance:', dynamic === again);
try {
    await import('./missing.js');
} catch (e) {
    print('missing:', e.message);
}
try {
    await import('no_such_module');
} catch (e) {
    print('missing bare:', e.message);
}
try {
    await import('./data.json');
} catch (e) {
    print('json without type:', e.name);
}
