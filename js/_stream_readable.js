// Module `_stream_readable`: Node's old alias of stream.Readable.
import { Readable } from 'stream';

export default Readable;
