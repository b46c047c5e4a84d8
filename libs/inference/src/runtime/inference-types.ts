import type { InferenceSession, Tensor } from 'onnxruntime-node';

/** Named input tensors for one run. */
export type InferenceFeeds = Readonly<Record<string, Tensor>>;

/** Named output tensors of one run. */
export type InferenceOutputs = InferenceSession.ReturnType;

/** A model to load: a file path, or the ONNX bytes. */
export type ModelSource = string | Uint8Array;

/** ONNX Runtime session knobs exposed by this library. */
export interface SessionThreadOptions {
  /** Threads used inside one operator (ORT default: one per core). */
  intraOpNumThreads?: number;
  /** Threads used to run independent operators in parallel (only with parallel execution mode). */
  interOpNumThreads?: number;
}
