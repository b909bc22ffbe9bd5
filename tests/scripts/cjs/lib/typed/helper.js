exports.typed = 'commonjs by package.json';
