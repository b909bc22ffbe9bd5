// Stand-in for another runtime's library file: not valid module code.
let argv = [];
var argv = args;
export default { argv };
