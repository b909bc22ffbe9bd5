exports.kind = 'the main of package.json';
