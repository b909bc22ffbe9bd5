// Module `path/posix`: the POSIX flavour of `path` (the same object as `path` itself).
export * from 'path';
export { default } from 'path';
