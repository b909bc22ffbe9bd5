exports.loaded = false;
const b = require('./cycle_b');
exports.loaded = true;
exports.summary = `a saw b.loaded=${b.loaded}, b saw a.loaded=${b.sawA}`;
