// App start-up: a small app that uses Node-style library modules, prints one line and exits.
// Runs plain (every runtime; the QuickJS runtime loads these modules from its `modules/` folder)
// and as a bundled, pre-initialized .wasm (`wasmedge_boa bundle app.js`).
import { EventEmitter } from 'events';
import { inherits } from 'util';
import { Buffer } from 'buffer';
import { StringDecoder } from 'string_decoder';
import querystring from 'querystring';

const out = typeof print === 'function' ? print : console.log;

function App() {
  EventEmitter.call(this);
}
inherits(App, EventEmitter);

const app = new App();
app.on('ready', (query) => {
  const bytes = Buffer.from(querystring.stringify(query));
  out(`app ${new StringDecoder('utf8').write(bytes)} ${bytes.length}`);
});
app.emit('ready', { started: 1 });
