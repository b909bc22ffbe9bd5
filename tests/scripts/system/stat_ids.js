// statSync reports the file system's device and inode numbers (WASI's filestat has them too), so
// scripts can tell whether two paths are the same file.
import { statSync } from 'fs';

const a = statSync('stat_ids.js');
const b = statSync('./stat_ids.js');
print('inode known:', a.ino > 0, 'same file, same ids:', a.ino === b.ino && a.dev === b.dev);
print('other file, other inode:', statSync('hello.js').ino !== a.ino);
print('links:', a.nlink >= 1, 'regular file:', a.isFile());
