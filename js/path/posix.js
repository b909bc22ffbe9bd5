// Module `path/posix`: same as `path`.
export * from 'path';
export { default } from 'path';
