// Stand-in for a module another runtime provides natively: a syntax error.
export function open( {
