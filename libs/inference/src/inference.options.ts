/** Micro-batching of concurrent single-row requests (off unless `enabled`). */
export interface MicroBatchOptions {
  enabled: boolean;
  /** How long the first queued request waits for others, in ms (0 = next event-loop turn). */
  windowMs: number;
  /** A batch is run as soon as it holds this many rows. */
  maxBatch: number;
}

/** Options of InferenceModule / ModelRegistry. */
export interface InferenceModuleOptions {
  /** ONNX Runtime intra-op threads per session (default: ORT's, one per core). */
  intraOpThreads?: number;
  /** ONNX Runtime inter-op threads per session. */
  interOpThreads?: number;
  microBatch?: MicroBatchOptions;
  /** Models (by name) whose sessions run in a thread of their own unless a load says otherwise (`ownThread`). */
  ownThreadModels?: readonly string[];
  /** Recent latencies kept per model version for percentiles (default 1024). */
  latencyWindow?: number;
}

/** Injection token of the InferenceModuleOptions. */
export const INFERENCE_OPTIONS = Symbol('INFERENCE_OPTIONS');
