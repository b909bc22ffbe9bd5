// Stand-in for another runtime's library file, cut short on purpose.
export class EventEmitter {
    on(name, listener) {
