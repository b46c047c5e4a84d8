import type { InferenceSession, Tensor } from 'onnxruntime-node';

/** A tensor crossing between threads: its data is cloned, moved or (on a SharedArrayBuffer) shared. */
export interface PostedTensor {
  type: Tensor.Type;
  dims: readonly number[];
  data: Tensor.DataType;
}

/** An output that is not a tensor (a sequence or map of `ai.onnx.ml` models), cloned as it is. */
export interface PostedValue {
  value: unknown;
}

/** What the session thread gets when it starts: the model's bytes (moved) and the session options. */
export interface SessionThreadData {
  model: Uint8Array;
  options: InferenceSession.SessionOptions;
}

export interface SessionSignature {
  inputNames: readonly string[];
  outputNames: readonly string[];
  inputMetadata: readonly InferenceSession.ValueMetadata[];
  outputMetadata: readonly InferenceSession.ValueMetadata[];
}

export type SessionThreadRequest =
  { type: 'run'; id: number; feeds: Record<string, PostedTensor> } | { type: 'release' };

export type SessionThreadReply =
  | { type: 'ready'; signature: SessionSignature }
  | { type: 'failed'; message: string }
  | { type: 'ran'; id: number; outputs: Record<string, PostedTensor | PostedValue> }
  | { type: 'run-failed'; id: number; message: string }
  | { type: 'released' };
