// Stand-in for another runtime's library file: a syntax error.
export class Buffer extends Uint8Array { static from(x) { return new ) } }
