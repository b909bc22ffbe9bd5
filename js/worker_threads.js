// Module `worker_threads`: this runtime has one thread (WASI has none to give), so this is always
// the main thread; creating a Worker throws. The module exists so that code asking "am I the main
// thread?" gets its answer.
import { codes } from 'internal/errors';

export const isMainThread = true;
export const parentPort = null;
export const workerData = null;
export const threadId = 0;
export const resourceLimits = {};
export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

const environmentData = new Map();
export function getEnvironmentData(key) { return environmentData.get(key); }
export function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}
export function markAsUntransferable() {}
export function isMarkedAsUntransferable() { return false; }
export function markAsUncloneable() {}
export function moveMessagePortToContext(port) { return port; }
export function receiveMessageOnPort() { return undefined; }

export class Worker {
  constructor() {
    throw new codes.ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('worker_threads.Worker (this runtime is single-threaded)');
  }
}

export const MessageChannel = globalThis.MessageChannel;
export const MessagePort = globalThis.MessagePort;
export const BroadcastChannel = globalThis.BroadcastChannel;

export default {
  isMainThread, parentPort, workerData, threadId, resourceLimits, SHARE_ENV, getEnvironmentData,
  setEnvironmentData, markAsUntransferable, isMarkedAsUntransferable, markAsUncloneable,
  moveMessagePortToContext, receiveMessageOnPort, Worker, MessageChannel, MessagePort, BroadcastChannel,
};
