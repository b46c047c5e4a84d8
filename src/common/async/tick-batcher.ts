/** Runs a batch of items and answers each with its own outcome, in the order given. */
export type BatchRun<I, O> = (items: I[]) => Promise<O[]>;

interface Waiting<I, O> {
  item: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit: the items submitted within one turn of the event loop run as one batch (one multi-row statement,
 * one Redis round trip) instead of one each. Every caller gets its own result or error: when a batch of several
 * fails, each of its items is run again alone, so one bad item fails only its own caller.
 */
export class TickBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];

  constructor(
    private readonly run: BatchRun<I, O>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
      else if (this.waiting.length >= this.maxBatch) this.flush();
    });
  }

  private flush(): void {
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    void this.runBatch(batch);
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outputs = await this.runChecked(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => this.runBatch([w])));
    }
  }

  private async runChecked(items: I[]): Promise<O[]> {
    const outputs = await this.run(items);
    if (outputs.length !== items.length)
      throw new Error(`a batch of ${items.length} answered ${outputs.length} results`);
    return outputs;
  }
}
