import { Tensor } from 'onnxruntime-node';
import { TensorSignature } from '../metadata/onnx-metadata';
import { InferenceFeeds, InferenceOutputs } from './inference-types';
import { NumericTensorType, allocateTensorData } from './zero-feeds';

interface PendingRequest {
  feeds: InferenceFeeds;
  resolve: (outputs: InferenceOutputs) => void;
  reject: (error: unknown) => void;
}

interface BatchedInput {
  name: string;
  type: NumericTensorType;
  width: number;
}

type TypedData = Exclude<Tensor.DataType, string[]>;

function rowSlice(data: Tensor.DataType, start: number, end: number): Tensor.DataType {
  if (Array.isArray(data)) return data.slice(start, end);
  return (data as { subarray(start: number, end: number): TypedData }).subarray(start, end);
}

function copyRow(target: TypedData, source: Tensor.DataType, offset: number): void {
  (target as { set(values: ArrayLike<unknown>, offset: number): void }).set(
    source as TypedData,
    offset,
  );
}

/**
 * Coalesces concurrent single-row requests ([1, features] on every input) into one
 * [n, features] run and hands each caller its own row of every output. The first request of a
 * batch waits at most `windowMs`; a batch runs at once when it reaches `maxBatch`. A failed
 * batch rejects every caller in it with the same error. A caller's output tensors are views
 * into the batch's output buffers (no copy).
 */
export class MicroBatcher {
  private readonly inputs: readonly BatchedInput[];
  private queue: PendingRequest[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly execute: (feeds: InferenceFeeds) => Promise<InferenceOutputs>,
    inputs: readonly TensorSignature[],
    private readonly options: { windowMs: number; maxBatch: number },
  ) {
    if (!MicroBatcher.supports(inputs)) throw new Error('Model inputs cannot be micro-batched');
    this.inputs = inputs.map((input) => ({
      name: input.name,
      type: input.elementType as NumericTensorType,
      width: input.shape[1] as number,
    }));
  }

  /** Batchable models: every input is numeric [dynamic batch, fixed width]. */
  static supports(inputs: readonly TensorSignature[]): boolean {
    return (
      inputs.length > 0 &&
      inputs.every(
        (input) =>
          input.elementType !== null &&
          input.elementType !== 'string' &&
          input.shape.length === 2 &&
          typeof input.shape[0] === 'string' &&
          typeof input.shape[1] === 'number',
      )
    );
  }

  /** True when every input of the request is a single row of the declared type and width. */
  accepts(feeds: InferenceFeeds): boolean {
    for (const input of this.inputs) {
      const tensor = feeds[input.name];
      if (tensor === undefined || tensor.type !== input.type || tensor.dims.length !== 2)
        return false;
      if (tensor.dims[0] !== 1 || tensor.dims[1] !== input.width) return false;
    }
    return true;
  }

  run(feeds: InferenceFeeds): Promise<InferenceOutputs> {
    return new Promise((resolve, reject) => {
      this.queue.push({ feeds, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) {
        this.flush();
      } else if (this.timer === undefined && this.immediate === undefined) {
        if (this.options.windowMs > 0) this.timer = setTimeout(this.flush, this.options.windowMs);
        else this.immediate = setImmediate(this.flush);
      }
    });
  }

  /** Requests waiting for their batch. */
  get pending(): number {
    return this.queue.length;
  }

  private readonly flush = (): void => {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) void this.runBatch(batch);
  };

  private async runBatch(batch: PendingRequest[]): Promise<void> {
    try {
      if (batch.length === 1) {
        batch[0].resolve(await this.execute(batch[0].feeds));
        return;
      }
      const outputs = await this.execute(this.concatenate(batch));
      const rows = this.split(outputs, batch.length);
      batch.forEach((request, i) => request.resolve(rows[i]));
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }

  private concatenate(batch: PendingRequest[]): Record<string, Tensor> {
    const feeds: Record<string, Tensor> = {};
    for (const { name, type, width } of this.inputs) {
      const data = allocateTensorData(type, batch.length * width) as TypedData;
      batch.forEach((request, i) => copyRow(data, request.feeds[name].data, i * width));
      feeds[name] = new Tensor(type, data, [batch.length, width]);
    }
    return feeds;
  }

  private split(outputs: InferenceOutputs, n: number): InferenceOutputs[] {
    const rows: Record<string, Tensor>[] = Array.from({ length: n }, () => ({}));
    for (const [name, tensor] of Object.entries(outputs)) {
      if (tensor.dims[0] !== n) {
        throw new Error(
          `Output ${name} has ${tensor.dims[0]} rows for a batch of ${n}; it cannot be split`,
        );
      }
      const rowSize = tensor.size / n;
      const rowDims = [1, ...tensor.dims.slice(1)];
      for (let i = 0; i < n; i++) {
        rows[i][name] = new Tensor(
          tensor.type,
          rowSlice(tensor.data, i * rowSize, (i + 1) * rowSize),
          rowDims,
        );
      }
    }
    return rows;
  }
}
