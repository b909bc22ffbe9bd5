module.exports = { ...require('dual-pkg'), extra: 'added here' };
