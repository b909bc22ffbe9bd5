import { punctuate } from './punctuation.js';

export function greet(name) {
    return punctuate('hello, ' + name);
}
