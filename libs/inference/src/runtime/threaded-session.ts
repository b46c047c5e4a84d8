import { Worker } from 'node:worker_threads';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { builtScript } from './built-script';
import type { InferenceFeeds, InferenceOutputs } from './inference-types';
import type {
  PostedTensor,
  PostedValue,
  SessionSignature,
  SessionThreadReply,
  SessionThreadRequest,
} from './session-thread-protocol';

/** The compiled thread script (see builtScript). */
export const sessionThreadScript = (): string =>
  builtScript(
    __dirname,
    'libs/inference/src/runtime',
    'session-thread-worker.js',
    'ONNX Runtime session thread script',
  );

/** What LoadedModel uses of a session: ONNX Runtime's own, or one in a thread of its own. */
export type ModelSession = Pick<
  InferenceSession,
  'inputNames' | 'outputNames' | 'inputMetadata' | 'outputMetadata' | 'run' | 'release'
>;

interface PendingRun {
  resolve: (outputs: InferenceOutputs) => void;
  reject: (error: Error) => void;
}

const toTensor = (posted: PostedTensor | PostedValue) =>
  'value' in posted
    ? posted.value
    : new Tensor(posted.type, posted.data as never, posted.dims as number[]);

/** The feeds with their numeric data copied onto SharedArrayBuffers (kept feeds, sent to a thread over and over). */
export function sharedFeeds(feeds: InferenceFeeds): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(feeds).map(([name, tensor]) => {
      const data = tensor.data;
      if (Array.isArray(data)) return [name, tensor];
      const Typed = data.constructor as new (buffer: SharedArrayBuffer) => Float32Array;
      const shared = new Typed(new SharedArrayBuffer(data.byteLength));
      shared.set(data as never);
      return [name, new Tensor(tensor.type, shared as never, tensor.dims)];
    }),
  );
}

/**
 * An ONNX Runtime session in a worker thread of its own. onnxruntime-node runs a model synchronously on the calling
 * thread, so a model taking tens of milliseconds (a detector) would hold the event loop, and every other request
 * with it, for that long; here the caller's thread only posts the feeds and takes the outputs back. Feeds on a
 * SharedArrayBuffer are shared (the caller must leave them alone until the run resolves; the thread copies them
 * before running), other feeds are copied; the outputs' buffers are moved back, not copied. Runs are queued in
 * order. The thread holds the process open only while runs are in flight. If it dies, pending and later runs
 * reject.
 */
export class ThreadedSession implements ModelSession {
  private readonly pending = new Map<number, PendingRun>();
  private nextId = 0;
  private stopped: Error | null = null;
  private releasing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly signature: SessionSignature,
  ) {
    worker.on('message', (reply: SessionThreadReply) => this.settle(reply));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => this.stop(new Error(`exited with code ${code}`)));
    worker.unref();
  }

  /** Starts the thread and creates the session there from `model` (copied to it). */
  static create(
    model: Uint8Array,
    options: InferenceSession.SessionOptions,
  ): Promise<ThreadedSession> {
    const bytes = new Uint8Array(model); // a copy (a Buffer's slice would be a view), moved to the thread
    const worker = new Worker(sessionThreadScript(), {
      workerData: { model: bytes, options },
      transferList: [bytes.buffer],
    });
    return new Promise((resolvePromise, reject) => {
      const failed = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      const exited = (code: number) => failed(new Error(`session thread exited with code ${code}`));
      worker.once('error', failed);
      worker.once('exit', exited);
      worker.once('message', (reply: SessionThreadReply) => {
        worker.off('error', failed);
        worker.off('exit', exited);
        if (reply.type === 'ready') resolvePromise(new ThreadedSession(worker, reply.signature));
        else failed(new Error(reply.type === 'failed' ? reply.message : 'unexpected reply'));
      });
    });
  }

  get inputNames(): readonly string[] {
    return this.signature.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.signature.outputNames;
  }

  get inputMetadata(): readonly InferenceSession.ValueMetadata[] {
    return this.signature.inputMetadata;
  }

  get outputMetadata(): readonly InferenceSession.ValueMetadata[] {
    return this.signature.outputMetadata;
  }

  run(feeds: InferenceFeeds): Promise<InferenceOutputs> {
    if (this.releasing) return Promise.reject(new Error('Model session has been released'));
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const posted: Record<string, PostedTensor> = {};
    for (const [name, tensor] of Object.entries(feeds))
      posted[name] = { type: tensor.type, dims: tensor.dims, data: tensor.data };
    return new Promise<InferenceOutputs>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      if (this.pending.size === 1) this.worker.ref();
      try {
        this.post({ type: 'run', id, feeds: posted });
      } catch (error) {
        // Feeds that cannot cross to the thread (e.g. not cloneable): nothing was sent.
        this.forget(id);
        reject(error as Error);
      }
    });
  }

  /** Releases the session in its thread, then ends the thread. Idempotent. */
  release(): Promise<void> {
    this.releasing ??= this.stopped
      ? Promise.resolve()
      : new Promise<void>((resolvePromise) => {
          this.worker.ref();
          this.worker.once('exit', () => resolvePromise());
          this.post({ type: 'release' });
        });
    return this.releasing;
  }

  private post(request: SessionThreadRequest): void {
    this.worker.postMessage(request);
  }

  private settle(reply: SessionThreadReply): void {
    if (reply.type === 'released') {
      void this.worker.terminate();
      return;
    }
    if (reply.type !== 'ran' && reply.type !== 'run-failed') return;
    const run = this.pending.get(reply.id);
    if (!run) return;
    this.forget(reply.id);
    if (reply.type === 'run-failed') run.reject(new Error(reply.message));
    else
      run.resolve(
        Object.fromEntries(
          Object.entries(reply.outputs).map(([name, output]) => [name, toTensor(output)]),
        ) as InferenceOutputs,
      );
  }

  private forget(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  /** The thread is gone: what waits on it fails, and so does every later run. */
  private stop(cause: Error): void {
    this.stopped ??= new Error(`ONNX Runtime session thread stopped: ${cause.message}`, { cause });
    for (const run of this.pending.values()) run.reject(this.stopped);
    this.pending.clear();
  }
}
