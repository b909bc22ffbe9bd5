// Module `_stream_transform`: Node's old alias of stream.Transform.
import { Transform } from 'stream';

export default Transform;
