// Module `tty`: whether a descriptor is a terminal. Reading and writing go through
// `process.stdin`/`process.stdout`; no raw mode under WASI.
import { isatty as osIsatty } from 'qjs:os';

export function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && osIsatty(fd);
}

export class ReadStream {
  constructor(fd) { this.fd = fd; this.isTTY = true; this.isRaw = false; }
  setRawMode(mode) { this.isRaw = Boolean(mode); return this; }
}

export class WriteStream {
  constructor(fd) { this.fd = fd; this.isTTY = true; this.columns = 80; this.rows = 24; }
  getColorDepth() { return 1; }
  hasColors() { return false; }
  getWindowSize() { return [this.columns, this.rows]; }
}

export default { isatty, ReadStream, WriteStream };
