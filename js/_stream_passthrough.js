// Module `_stream_passthrough`: Node's old alias of stream.PassThrough.
import { PassThrough } from 'stream';

export default PassThrough;
