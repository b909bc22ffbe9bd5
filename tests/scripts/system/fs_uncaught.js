// An fs error nobody catches ends the script with the Node-style message on stderr.
import { readFileSync } from 'fs';
print('before');
readFileSync('missing-file.txt');
print('not reached');
