const a = require('./cycle_a');
exports.sawA = a.loaded;
exports.loaded = true;
