// Stand-in for another runtime's library file. Not valid module code: `format` is both imported
// and declared, which that runtime's engine accepts and the specification does not.
import { format } from './internal/format.js';
export const format = format;
