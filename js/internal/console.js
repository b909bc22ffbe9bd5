// What the global console (builtins/src/console.rs) and `console.Console` share in a Node
// program: the layout of `console.table` and the text of `console.dir`.

import { inspect } from 'util';
import { codes } from 'internal/errors';

const kValues = Symbol('values');

/** `console.dir(value[, options])`: `util.inspect` with the options, custom inspectors off. */
export function dirText(value, options) {
  return inspect(value, { customInspect: false, ...options });
}

// `console.table(data[, properties])` as Node 20 lays it out: one row per own key of `data` (per
// entry of a Map or Set), one column per property seen in an object row, a `Values` column for
// primitive rows, left-aligned cells between box-drawing borders. Returns null for a primitive `data`.
export function renderTable(data, properties) {
  if (data === null || typeof data !== 'object') return null;
  if (properties !== undefined && !Array.isArray(properties)) {
    throw new codes.ERR_INVALID_ARG_TYPE('properties', 'Array', properties);
  }
  const show = (v) => {
    const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  };
  if (data instanceof Map || data instanceof Set) {
    const isMap = data instanceof Map;
    const header = ['(iteration index)', ...(isMap ? ['Key'] : []), 'Values'];
    const body = [...data].map((entry, i) =>
      isMap ? [String(i), show(entry[0]), show(entry[1])] : [String(i), show(entry)]);
    return drawTable(header, body);
  }
  const columns = [];
  const seen = new Set();
  let hasValues = false;
  const rows = Object.keys(data).map((index) => {
    const value = data[index];
    const cells = new Map();
    const primitive = value === null || (typeof value !== 'function' && typeof value !== 'object');
    for (const column of properties ?? (primitive ? [] : Object.keys(value))) {
      if (!seen.has(column)) { seen.add(column); columns.push(column); }
      if (!primitive && Object.prototype.hasOwnProperty.call(value, column)) cells.set(column, show(value[column]));
    }
    if (primitive) { hasValues = true; cells.set(kValues, show(value)); }
    return [index, cells];
  });
  const header = ['(index)', ...columns.map(String), ...(hasValues ? ['Values'] : [])];
  const body = rows.map(([index, cells]) =>
    [index, ...columns.map((c) => cells.get(c) ?? ''), ...(hasValues ? [cells.get(kValues) ?? ''] : [])]);
  return drawTable(header, body);
}

// Display width: East Asian wide characters take two columns, escapes none (enough for tables).
function width(text) {
  let n = 0;
  for (const ch of text.replace(/\x1b\[[0-9;]*m/g, '')) {
    const c = ch.codePointAt(0);
    n += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x20000 && c <= 0x3fffd)) ? 2 : 1;
  }
  return n;
}

function drawTable(header, body) {
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]))) + 2);
  const pad = (text, w) => ` ${text}${' '.repeat(w - width(text) - 1)}`;
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const row = (cells) => '│' + cells.map((c, i) => pad(c, widths[i])).join('│') + '│';
  return [line('┌', '┬', '┐'), row(header), line('├', '┼', '┤'), ...body.map(row), line('└', '┴', '┘')].join('\n');
}
