// A module the runtime does not provide: found in ./modules. Built-in names it imports are the
// runtime's own modules, not the stand-ins beside it.
import { format } from 'util';
import { EventEmitter } from 'events';

const greeting = 'hello from modules/my_mod.js';

function describe(value) {
    return format('%s (%d)', value, value.length);
}

class Greeter extends EventEmitter {}

// A module may end with an export clause.
export { greeting, describe, Greeter }
