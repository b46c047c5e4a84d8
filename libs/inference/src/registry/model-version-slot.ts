import { MicroBatchOptions } from '../inference.options';
import { LoadedModel } from '../runtime/loaded-model';
import { MicroBatcher } from '../runtime/micro-batcher';
import { LatencyWindow } from './latency-window';

/**
 * One loaded version inside the registry: the session, its in-flight count, its metrics and
 * (optionally) its micro-batcher. Once retired it releases the session when the last in-flight
 * run leaves, so a version swap never breaks a request already running.
 */
export class ModelVersionSlot {
  readonly loadedAt = new Date();
  readonly latency: LatencyWindow;
  readonly batcher: MicroBatcher | null;
  inFlight = 0;
  private drained: (() => void) | undefined;
  private released: Promise<void> | undefined;

  constructor(
    readonly name: string,
    readonly version: string,
    readonly model: LoadedModel,
    options: { latencyWindow: number; microBatch: MicroBatchOptions | undefined },
  ) {
    this.latency = new LatencyWindow(options.latencyWindow);
    const batch = options.microBatch;
    this.batcher =
      batch?.enabled && MicroBatcher.supports(model.inputs)
        ? new MicroBatcher((feeds) => model.run(feeds), model.inputs, batch)
        : null;
  }

  get retired(): boolean {
    return this.released !== undefined;
  }

  enter(): void {
    this.inFlight++;
  }

  leave(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.drained) this.drained();
  }

  /** Releases the session once no run is in flight. Idempotent; resolves when released. */
  retire(): Promise<void> {
    this.released ??= (
      this.inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => (this.drained = resolve))
    ).then(() => this.model.release());
    return this.released;
  }
}
