export const name = 'lib/helper.js';
export { value } from './sub/deep.js';
