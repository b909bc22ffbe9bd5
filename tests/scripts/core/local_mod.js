export const where = './local_mod.js (cwd first)';
