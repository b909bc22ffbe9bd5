// Bundled by tests/bundle.rs: the error must point at lib/thrower.js:4, not at the bundle.
import { explode } from './lib/thrower.js';

explode('from the bundle');
