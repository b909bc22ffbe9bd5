// Module `stream/promises`: promise versions of pipeline and finished.
import { promises } from 'stream';
export const pipeline = promises.pipeline;
export const finished = promises.finished;
export default { pipeline, finished };
