// Module `stream/promises`: promise versions of pipeline and finished.
import { pipelinePromise } from 'internal/streams/pipeline';
import { finishedPromise } from 'internal/streams/end_of_stream';
export const pipeline = pipelinePromise;
export const finished = finishedPromise;
export default { pipeline, finished };
