// Module `path/win32`: the Windows flavour of `path`.
import path from 'path';

const { win32 } = path;
export const {
  sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname,
  basename, extname, format, parse, matchesGlob, _makeLong,
} = win32;
export default win32;
