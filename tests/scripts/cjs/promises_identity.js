// A module's `promises` property is the very object its `/promises` module exports.
console.log(require('timers').promises === require('timers/promises'));
console.log(require('node:timers').promises === require('node:timers/promises'));
console.log(require('fs').promises === require('fs/promises'));
