exports.x = ;
