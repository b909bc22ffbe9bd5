// Module `_stream_writable`: Node's old alias of stream.Writable.
import { Writable } from 'stream';

export default Writable;
