// A module the runtime does not provide, with a mistake: `helper` is declared twice.
import { helper } from './helpers.js';

export function first() {}
export const helper = 1;
