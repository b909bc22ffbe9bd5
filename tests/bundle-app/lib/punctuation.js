export const punctuate = (text) => text + '!';
