// `fs.cp`, `fs.cpSync` and `fs.promises.cp`: copying files, directories (with `recursive`) and
// symbolic links with Node's options (`filter`, `force`, `errorOnExist`, `dereference`,
// `preserveTimestamps`, `verbatimSymlinks`, `mode`) and Node's `ERR_FS_CP_*` errors.
//
// One copy routine serves the three forms: it is a generator that yields each `filter` result;
// the synchronous driver rejects a promise there (ERR_INVALID_RETURN_VALUE), the asynchronous
// one awaits it.
import * as binding from '_boa:fs';
import path from 'path';
import { codes, systemError } from 'internal/errors';
import {
  constants, getValidatedPath, getValidMode, validateBoolean, validateFunction, validateObject, makeStats, kEmptyObject,
} from 'internal/fs/utils';

const { ERR_INCOMPATIBLE_OPTION_PAIR, ERR_INVALID_RETURN_VALUE } = codes;

const defaults = {
  dereference: false, errorOnExist: false, filter: undefined, force: true, preserveTimestamps: false,
  recursive: false, verbatimSymlinks: false, mode: 0,
};

export function validateCpOptions(options) {
  if (options === undefined) return { ...defaults };
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  for (const key of ['dereference', 'errorOnExist', 'force', 'preserveTimestamps', 'recursive', 'verbatimSymlinks']) {
    validateBoolean(options[key], `options.${key}`);
  }
  options.mode = getValidMode(options.mode, 'copyFile');
  if (options.dereference === true && options.verbatimSymlinks === true) {
    throw new ERR_INCOMPATIBLE_OPTION_PAIR('dereference', 'verbatimSymlinks');
  }
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  return options;
}

const errnos = { EINVAL: 22, EEXIST: 17, EISDIR: 21, ENOTDIR: 20 };

function cpError(code, prefix, errno, message, where) {
  return systemError(code, prefix, { message, path: where, syscall: 'cp', errno: errnos[errno], code: errno });
}

function statOf(file, follow) {
  try {
    return makeStats(binding.stat(file, follow));
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

/** Same file: by inode where the platform has them (WASI reports 0), else by resolved path. */
function identical(a, aPath, b, bPath) {
  if (a.ino && b.ino) return a.ino === b.ino && a.dev === b.dev;
  return path.resolve(aPath) === path.resolve(bPath);
}

function isSubdirectory(src, dest) {
  const from = path.resolve(src).split('/').filter(Boolean);
  const to = path.resolve(dest).split('/').filter(Boolean);
  return from.every((part, i) => to[i] === part);
}

function checkPaths(src, dest, options) {
  const srcStat = statOf(src, options.dereference);
  if (srcStat === null) throw binding.uvError('ENOENT', options.dereference ? 'stat' : 'lstat', src);
  const destStat = statOf(dest, options.dereference);
  if (destStat !== null) {
    if (identical(srcStat, src, destStat, dest)) {
      throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 'src and dest cannot be the same', dest);
    }
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_DIR_TO_NON_DIR', 'Cannot overwrite non-directory with directory', 'EISDIR',
        `cannot overwrite non-directory ${dest} with directory ${src}`, dest);
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_NON_DIR_TO_DIR', 'Cannot overwrite directory with non-directory', 'ENOTDIR',
        `cannot overwrite directory ${dest} with non-directory ${src}`, dest);
    }
  }
  if (srcStat.isDirectory() && isSubdirectory(src, dest)) {
    throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL',
      `cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  }
  return { srcStat, destStat };
}

function checkParents(src, srcStat, dest) {
  const srcParent = path.resolve(path.dirname(src));
  let parent = path.resolve(path.dirname(dest));
  while (parent !== srcParent && parent !== path.parse(parent).root) {
    const parentStat = statOf(parent, true);
    if (parentStat === null) return;
    if (srcStat.ino && identical(srcStat, src, parentStat, parent)) {
      throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL',
        `cannot copy ${src} to a subdirectory of self ${dest}`, dest);
    }
    parent = path.dirname(parent);
  }
}

function* copy(src, dest, options) {
  if (options.filter) {
    const include = yield options.filter(src, dest);
    if (!include) return;
  }
  const { srcStat, destStat } = checkPaths(src, dest, options);
  checkParents(src, srcStat, dest);
  const parent = path.dirname(dest);
  if (statOf(parent, true) === null) binding.mkdir(parent, true, 0o777);
  yield* copyEntry(srcStat, destStat, src, dest, options);
}

function* copyEntry(srcStat, destStat, src, dest, options) {
  if (srcStat.isDirectory() && options.recursive) {
    yield* copyDirectory(srcStat, destStat, src, dest, options);
  } else if (srcStat.isDirectory()) {
    throw cpError('ERR_FS_EISDIR', 'Recursive option is required to copy a directory', 'EISDIR',
      `${src} is a directory (not copied)`, src);
  } else if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) {
    copyRegular(srcStat, destStat, src, dest, options);
  } else if (srcStat.isSymbolicLink()) {
    copyLink(destStat, src, dest, options);
  } else if (srcStat.isSocket()) {
    throw cpError('ERR_FS_CP_SOCKET', 'Cannot copy a socket file', 'EINVAL', `cannot copy a socket file: ${dest}`, dest);
  } else if (srcStat.isFIFO()) {
    throw cpError('ERR_FS_CP_FIFO_PIPE', 'Cannot copy a FIFO pipe', 'EINVAL', `cannot copy a FIFO pipe: ${dest}`, dest);
  } else {
    throw cpError('ERR_FS_CP_UNKNOWN', 'Cannot copy an unknown file type', 'EINVAL', `cannot copy an unknown file type: ${dest}`, dest);
  }
}

function copyRegular(srcStat, destStat, src, dest, options) {
  if (destStat !== null) {
    if (options.force) {
      binding.unlink(dest);
    } else if (options.errorOnExist) {
      throw cpError('ERR_FS_CP_EEXIST', 'Target already exists', 'EEXIST', `${dest} already exists`, dest);
    } else {
      return;
    }
  }
  binding.copyFile(src, dest, (options.mode & constants.COPYFILE_EXCL) !== 0);
  if (options.preserveTimestamps) binding.utimes(dest, srcStat.atimeMs / 1000, srcStat.mtimeMs / 1000);
}

function* copyDirectory(srcStat, destStat, src, dest, options) {
  if (destStat === null) binding.mkdir(dest, false, 0o777);
  for (const [name] of binding.readdir(src)) {
    const from = path.join(src, name);
    const to = path.join(dest, name);
    if (options.filter) {
      const include = yield options.filter(from, to);
      if (!include) continue;
    }
    const entry = checkPaths(from, to, options);
    yield* copyEntry(entry.srcStat, entry.destStat, from, to, options);
  }
}

function copyLink(destStat, src, dest, options) {
  let target = binding.readlink(src);
  if (!options.verbatimSymlinks && !path.isAbsolute(target)) target = path.resolve(path.dirname(src), target);
  if (destStat === null) {
    binding.symlink(target, dest);
    return;
  }
  let current;
  try {
    current = binding.readlink(dest);
  } catch (error) {
    if (error.code === 'EINVAL' || error.code === 'UNKNOWN') {
      binding.symlink(target, dest);
      return;
    }
    throw error;
  }
  if (!path.isAbsolute(current)) current = path.resolve(path.dirname(dest), current);
  const targetStat = statOf(src, true);
  if (targetStat && targetStat.isDirectory() && isSubdirectory(target, current)) {
    throw cpError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL',
      `cannot copy ${target} to a subdirectory of self ${current}`, dest);
  }
  const destTarget = statOf(dest, true);
  if (destTarget && destTarget.isDirectory() && isSubdirectory(current, target)) {
    throw cpError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', 'Cannot overwrite symlink in subdirectory of self', 'EINVAL',
      `cannot overwrite ${current} with ${target}`, dest);
  }
  binding.unlink(dest);
  binding.symlink(target, dest);
}

function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

export function cpSync(src, dest, options) {
  options = validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  const task = copy(src, dest, options);
  let step = task.next();
  while (!step.done) {
    if (isThenable(step.value)) throw new ERR_INVALID_RETURN_VALUE('boolean', 'filter', step.value);
    step = task.next(step.value);
  }
}

export async function cpAsync(src, dest, options) {
  options = validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  await new Promise((resolve) => setTimeout(resolve, 0));
  const task = copy(src, dest, options);
  let step = task.next();
  while (!step.done) step = task.next(await step.value);
}

export function cp(src, dest, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'cb');
  options = validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  cpAsync(src, dest, options).then(() => callback(null), (error) => callback(error));
}

export default { cp, cpSync, cpAsync, validateCpOptions, kEmptyObject };
