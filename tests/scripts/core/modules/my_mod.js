export const where = 'modules/my_mod.js';
