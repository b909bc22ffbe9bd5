module.exports = { kind: 'index.js of a directory' };
