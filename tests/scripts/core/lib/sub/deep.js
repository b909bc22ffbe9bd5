export const value = 'deep via ../ and ./';
export const dir = __dirname;
