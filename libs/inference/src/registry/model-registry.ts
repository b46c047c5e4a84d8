import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { INFERENCE_OPTIONS, InferenceModuleOptions, MicroBatchOptions } from '../inference.options';
import { InferenceFeeds, InferenceOutputs, ModelSource } from '../runtime/inference-types';
import { LoadModelOptions, LoadedModel } from '../runtime/loaded-model';
import {
  InferenceListener,
  ModelListing,
  ModelVersionListing,
  describeSlot,
} from './model-listing';
import {
  ActiveVersionUnloadError,
  ModelVersionConflictError,
  UnknownModelError,
} from './model-registry.errors';
import { ModelVersionSlot } from './model-version-slot';

export interface ModelLoadOptions extends LoadModelOptions {
  /** Make this the active version. Default: only when the model has no active version yet. */
  activate?: boolean;
  /** Health checks require this model to be loaded and answering. */
  required?: boolean;
  /** Overrides the registry's micro-batching for this version; false disables it. */
  microBatch?: MicroBatchOptions | false;
}

interface ModelEntry {
  active: string | null;
  versions: Map<string, ModelVersionSlot>;
}

/**
 * Named models, each with loaded versions and one active version. Runs are reference-counted
 * per version: activating or unloading a version never fails a run already started, and a
 * session is released only after its last in-flight run. Also keeps per-version counters and
 * latency percentiles, and notifies `onInference` listeners of every run.
 */
@Injectable()
export class ModelRegistry implements OnModuleDestroy {
  private readonly models = new Map<string, ModelEntry>();
  private readonly required = new Set<string>();
  private readonly loading = new Set<string>();
  private listeners: InferenceListener[] = [];
  private closed = false;

  constructor(
    @Optional() @Inject(INFERENCE_OPTIONS) private readonly options: InferenceModuleOptions = {},
  ) {}

  async load(
    name: string,
    version: string,
    source: ModelSource,
    options: ModelLoadOptions = {},
  ): Promise<ModelVersionListing> {
    if (this.closed) throw new Error('Model registry is closed');
    if (options.required) this.required.add(name);
    const key = `${name}\u0000${version}`;
    if (this.loading.has(key) || this.models.get(name)?.versions.has(version)) {
      throw new ModelVersionConflictError(name, version);
    }
    this.loading.add(key);
    try {
      const model = await LoadedModel.load(source, {
        ...options,
        intraOpNumThreads: options.intraOpNumThreads ?? this.options.intraOpThreads,
        interOpNumThreads: options.interOpNumThreads ?? this.options.interOpThreads,
        ownThread: options.ownThread ?? this.options.ownThreadModels?.includes(name) ?? false,
      });
      if (this.closed) {
        await model.release();
        throw new Error('Model registry was closed while loading');
      }
      const slot = new ModelVersionSlot(name, version, model, {
        latencyWindow: this.options.latencyWindow ?? 1024,
        microBatch:
          options.microBatch === false
            ? undefined
            : (options.microBatch ?? this.options.microBatch),
      });
      let entry = this.models.get(name);
      if (!entry) {
        entry = { active: null, versions: new Map() };
        this.models.set(name, entry);
      }
      entry.versions.set(version, slot);
      if (options.activate ?? entry.active === null) entry.active = version;
      return describeSlot(slot, entry.active === version);
    } finally {
      this.loading.delete(key);
    }
  }

  /** Routes new runs to `version`. Runs already started finish on the version they started on. */
  activate(name: string, version: string): void {
    const entry = this.models.get(name);
    if (!entry?.versions.has(version)) throw new UnknownModelError(name, version);
    entry.active = version;
  }

  /**
   * Removes a version; resolves once its session is released, i.e. after its in-flight runs.
   * The active version is refused unless `force`, which leaves the model without an active version.
   */
  async unload(name: string, version: string, options: { force?: boolean } = {}): Promise<void> {
    const entry = this.models.get(name);
    const slot = entry?.versions.get(version);
    if (!entry || !slot) throw new UnknownModelError(name, version);
    if (entry.active === version) {
      if (!options.force) throw new ActiveVersionUnloadError(name, version);
      entry.active = null;
    }
    entry.versions.delete(version);
    if (entry.versions.size === 0) this.models.delete(name);
    await slot.retire();
  }

  /** Runs the active version (or `version`). Single-row requests may be micro-batched. */
  async run(
    name: string,
    feeds: InferenceFeeds,
    options?: { version?: string },
  ): Promise<InferenceOutputs> {
    const slot = this.slot(name, options?.version);
    const batcher = slot.batcher;
    const batched = batcher !== null && batcher.accepts(feeds);
    slot.enter();
    const started = performance.now();
    try {
      const outputs = await (batched ? batcher.run(feeds) : slot.model.run(feeds));
      this.record(slot, performance.now() - started, true, batched);
      return outputs;
    } catch (error) {
      this.record(slot, performance.now() - started, false, batched);
      throw error;
    } finally {
      slot.leave();
    }
  }

  /** Runs the active version on zeros; not counted in the metrics. Used by health checks. */
  async probe(name: string): Promise<void> {
    const slot = this.slot(name);
    slot.enter();
    try {
      await slot.model.probe();
    } finally {
      slot.leave();
    }
  }

  /** The loaded model (signature, metadata) of the active version or of `version`. Run through `run`. */
  get(name: string, version?: string): LoadedModel {
    return this.slot(name, version).model;
  }

  /** True when the model has an active version. */
  has(name: string): boolean {
    return (this.models.get(name)?.active ?? null) !== null;
  }

  activeVersion(name: string): string | null {
    return this.models.get(name)?.active ?? null;
  }

  /** Marks a model as required by health checks, whether or not it is loaded yet. */
  markRequired(name: string): void {
    this.required.add(name);
  }

  requiredModels(): string[] {
    return [...this.required].sort();
  }

  list(): ModelListing[] {
    const names = new Set([...this.models.keys(), ...this.required]);
    return [...names].sort().map((name) => {
      const entry = this.models.get(name);
      return {
        name,
        activeVersion: entry?.active ?? null,
        required: this.required.has(name),
        versions: [...(entry?.versions.values() ?? [])].map((slot) =>
          describeSlot(slot, entry?.active === slot.version),
        ),
      };
    });
  }

  /** Subscribes to every run through the registry; returns the unsubscribe function. */
  onInference(listener: InferenceListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((current) => current !== listener);
    };
  }

  /** Unloads everything (waiting for in-flight runs) and refuses further loads. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.models.values()].flatMap((entry) => [...entry.versions.values()]);
    this.models.clear();
    await Promise.all(slots.map((slot) => slot.retire()));
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private slot(name: string, version?: string): ModelVersionSlot {
    const entry = this.models.get(name);
    const wanted = version ?? entry?.active;
    const slot = wanted == null ? undefined : entry?.versions.get(wanted);
    if (!slot) throw new UnknownModelError(name, version);
    return slot;
  }

  private record(slot: ModelVersionSlot, durationMs: number, ok: boolean, batched: boolean): void {
    if (ok) slot.latency.recordSuccess(durationMs);
    else slot.latency.recordFailure();
    const listeners = this.listeners;
    if (listeners.length === 0) return;
    const event = { model: slot.name, version: slot.version, durationMs, ok, batched };
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A faulty listener must not fail the inference it observes.
      }
    }
  }
}
