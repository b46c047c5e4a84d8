import { TensorSignature } from '../metadata/onnx-metadata';
import { LatencySummary } from './latency-window';
import { ModelVersionSlot } from './model-version-slot';

/** One loaded version, as listed for dashboards and admin endpoints. */
export interface ModelVersionListing {
  version: string;
  active: boolean;
  inputs: readonly TensorSignature[];
  outputs: readonly TensorSignature[];
  /** File the version was loaded from; null when loaded from bytes. */
  sourcePath: string | null;
  loadTimeMs: number;
  /** ISO-8601 time the version finished loading. */
  loadedAt: string;
  metadata: Readonly<Record<string, string>>;
  microBatched: boolean;
  /** Runs in a worker thread of its own, off the event loop. */
  ownThread: boolean;
  inFlight: number;
  stats: LatencySummary;
}

export interface ModelListing {
  name: string;
  activeVersion: string | null;
  required: boolean;
  versions: ModelVersionListing[];
}

/** A single inference through the registry, for `onInference` listeners. */
export interface InferenceEvent {
  model: string;
  version: string;
  durationMs: number;
  ok: boolean;
  /** The request went through the micro-batcher. */
  batched: boolean;
}

export type InferenceListener = (event: InferenceEvent) => void;

export function describeSlot(slot: ModelVersionSlot, active: boolean): ModelVersionListing {
  return {
    version: slot.version,
    active,
    inputs: slot.model.inputs,
    outputs: slot.model.outputs,
    sourcePath: slot.model.sourcePath,
    loadTimeMs: slot.model.loadTimeMs,
    loadedAt: slot.loadedAt.toISOString(),
    metadata: slot.model.metadataProps,
    microBatched: slot.batcher !== null,
    ownThread: slot.model.ownThread,
    inFlight: slot.inFlight,
    stats: slot.latency.summary(),
  };
}
