// Module `_stream_duplex`: Node's old alias of stream.Duplex.
import { Duplex } from 'stream';

export default Duplex;
