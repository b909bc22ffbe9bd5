export const typedEsm = 'an ES module by package.json';
