import { describe, expect, it } from 'vitest';
import { InferenceTally, MINUTE_MS } from './inference-tally';
import { bucketOf } from './latency-histogram';

const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);

describe('InferenceTally', () => {
  it('counts runs per model, version and minute, with errors, the duration sum and the histogram', () => {
    const tally = new InferenceTally();
    tally.record({ model: 'm', version: '1', durationMs: 1.5, ok: true }, T0 + 1_000);
    tally.record({ model: 'm', version: '1', durationMs: 2.25, ok: false }, T0 + 59_999);
    tally.record({ model: 'm', version: '2', durationMs: 3, ok: true }, T0 + 2_000);
    tally.record({ model: 'm', version: '1', durationMs: 4, ok: true }, T0 + MINUTE_MS);
    const drained = tally.drain();
    expect(drained).toHaveLength(3);
    const first = drained.find((t) => t.version === '1' && t.minute === T0);
    expect(first).toMatchObject({ calls: 2, errors: 1, sumMicros: 3750 });
    expect(first?.buckets).toEqual(
      new Map([
        [bucketOf(1.5), 1],
        [bucketOf(2.25), 1],
      ]),
    );
    expect(drained.find((t) => t.minute === T0 + MINUTE_MS)).toMatchObject({ calls: 1, errors: 0 });
    expect(tally.drain()).toEqual([]);
  });

  it('adds counts put back after a failed write to the new ones', () => {
    const tally = new InferenceTally();
    tally.record({ model: 'm', version: '1', durationMs: 1, ok: true }, T0);
    const unsent = tally.drain();
    tally.record({ model: 'm', version: '1', durationMs: 1, ok: false }, T0 + 5);
    tally.restore(unsent);
    expect(tally.drain()).toEqual([
      expect.objectContaining({
        calls: 2,
        errors: 1,
        sumMicros: 2000,
        buckets: new Map([[bucketOf(1), 2]]),
      }),
    ]);
  });
});
