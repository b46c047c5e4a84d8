import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import './onnxruntime-environment';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { OnnxModelMetadata, TensorSignature, readOnnxMetadata } from '../metadata/onnx-metadata';
import {
  InferenceFeeds,
  InferenceOutputs,
  ModelSource,
  SessionThreadOptions,
} from './inference-types';
import { ThreadedSession, sharedFeeds, type ModelSession } from './threaded-session';
import { warmUpFeeds } from './zero-feeds';

export interface LoadModelOptions extends SessionThreadOptions {
  /** Run the model once on zeros (dynamic dims = 1, image sides from `imgsz`) before returning. Default true. */
  warmUp?: boolean;
  /** 'parallel' lets interOpNumThreads run independent branches concurrently. Default 'sequential'. */
  executionMode?: 'sequential' | 'parallel';
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** ONNX Runtime's own log level for this session: 0 verbose ... 3 error, 4 fatal. */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /**
   * Run the session in a worker thread of its own (see ThreadedSession), so that a run does not hold the caller's
   * event loop: for models whose run takes milliseconds. Default false (a run of a small model is quicker than the
   * trip to a thread).
   */
  ownThread?: boolean;
}

/** ONNX Runtime rejects keys set to undefined, so only the given options are passed. */
function sessionOptions(options: LoadModelOptions): InferenceSession.SessionOptions {
  const session: InferenceSession.SessionOptions = {};
  if (options.intraOpNumThreads !== undefined)
    session.intraOpNumThreads = options.intraOpNumThreads;
  if (options.interOpNumThreads !== undefined)
    session.interOpNumThreads = options.interOpNumThreads;
  if (options.executionMode !== undefined) session.executionMode = options.executionMode;
  if (options.graphOptimizationLevel !== undefined) {
    session.graphOptimizationLevel = options.graphOptimizationLevel;
  }
  if (options.logSeverityLevel !== undefined) session.logSeverityLevel = options.logSeverityLevel;
  return session;
}

function toSignature(value: InferenceSession.ValueMetadata): TensorSignature {
  if (!value.isTensor) return { name: value.name, elementType: null, shape: [] };
  return { name: value.name, elementType: value.type, shape: [...value.shape] };
}

/**
 * One ONNX Runtime session with its signature and metadata. `run` is a thin pass-through to the
 * session; anything per-call (metrics, ref-counting, batching) lives in ModelRegistry.
 */
export class LoadedModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Graph inputs and outputs as ONNX Runtime reports them. */
  readonly inputs: readonly TensorSignature[];
  readonly outputs: readonly TensorSignature[];
  private probeInputs: Record<string, Tensor> | undefined;
  private released = false;

  private constructor(
    private readonly session: ModelSession,
    /** What the ONNX file says about itself (producer, opsets, metadata_props...). */
    readonly metadata: OnnxModelMetadata,
    /** File path the model came from, null for bytes. */
    readonly sourcePath: string | null,
    /** Time to read, create the session and warm up, in ms. */
    readonly loadTimeMs: number,
  ) {
    this.inputNames = session.inputNames;
    this.outputNames = session.outputNames;
    this.inputs = session.inputMetadata.map(toSignature);
    this.outputs = session.outputMetadata.map(toSignature);
  }

  static async load(source: ModelSource, options: LoadModelOptions = {}): Promise<LoadedModel> {
    const started = performance.now();
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    const metadata = readOnnxMetadata(bytes);
    const session: ModelSession = options.ownThread
      ? await ThreadedSession.create(bytes, sessionOptions(options))
      : await InferenceSession.create(bytes, sessionOptions(options));
    if (options.warmUp !== false) {
      try {
        await session.run(
          warmUpFeeds(session.inputMetadata.map(toSignature), metadata.metadataProps),
        );
      } catch (error) {
        await session.release();
        throw new Error(`Model warm-up failed: ${(error as Error).message}`, { cause: error });
      }
    }
    const sourcePath = typeof source === 'string' ? source : null;
    return new LoadedModel(session, metadata, sourcePath, performance.now() - started);
  }

  /** Runs happen in a thread of the session's own; feeds on a SharedArrayBuffer reach it without a copy. */
  get ownThread(): boolean {
    return this.session instanceof ThreadedSession;
  }

  /** The model's `metadata_props`. */
  get metadataProps(): Readonly<Record<string, string>> {
    return this.metadata.metadataProps;
  }

  get isReleased(): boolean {
    return this.released;
  }

  run(feeds: InferenceFeeds): Promise<InferenceOutputs> {
    if (this.released) return Promise.reject(new Error('Model session has been released'));
    return this.session.run(feeds);
  }

  /**
   * Runs the model on zeros (see `warmUpFeeds`); the feeds are built once and reused (shared with the session's own
   * thread, so a health probe copies nothing on the event loop).
   */
  probe(): Promise<InferenceOutputs> {
    if (!this.probeInputs) {
      const zeros = warmUpFeeds(this.inputs, this.metadataProps);
      this.probeInputs = this.ownThread ? sharedFeeds(zeros) : zeros;
    }
    return this.run(this.probeInputs);
  }

  /** Frees the native session. Idempotent. Callers must not release while runs are in flight. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.session.release();
  }
}
