// Module `fs/promises`: the promise form of `fs` (the same functions as `fs.promises`).
import { promises } from 'fs';

export const {
  access, appendFile, chmod, chown, copyFile, cp, lchmod, lchown, link, lstat, lutimes, mkdir,
  mkdtemp, open, opendir, readdir, readFile, readlink, realpath, rename, rm, rmdir, stat, symlink,
  truncate, unlink, utimes, watch, writeFile, constants,
} = promises;

export default promises;
