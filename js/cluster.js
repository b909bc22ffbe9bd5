// Module `cluster`: one process, always the primary; forking workers is not possible under WASI.
import { EventEmitter } from 'events';
import { codes } from 'internal/errors';

const cluster = new EventEmitter();
cluster.isPrimary = true;
cluster.isMaster = true;
cluster.isWorker = false;
cluster.workers = {};
cluster.settings = {};
cluster.SCHED_NONE = 1;
cluster.SCHED_RR = 2;
cluster.schedulingPolicy = 2;
cluster.setupPrimary = function setupPrimary(settings) { Object.assign(cluster.settings, settings); };
cluster.setupMaster = cluster.setupPrimary;
cluster.disconnect = function disconnect(callback) { if (typeof callback === 'function') process.nextTick(callback); };
cluster.fork = function fork() {
  throw new codes.ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('cluster.fork (no processes under WASI)');
};

export const { isPrimary, isMaster, isWorker, workers, settings, setupPrimary, setupMaster, fork, disconnect } = cluster;
export default cluster;
