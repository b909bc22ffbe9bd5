// Stand-in for another runtime's library file: a syntax error.
export const platform = ;
