export default 'mjs found without extension';
