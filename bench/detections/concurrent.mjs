// Cached repeats while detections run: one connection sends detections one after another (each a new cache key),
// a second one sends the same cached request back to back for as long as they last. With the detector's runs on the
// event loop every repeat that arrives during a run waits for it; in a thread of their own (INFERENCE_OWN_THREAD_MODELS)
// the repeats are answered meanwhile. Client times only (requests overlap, so the server's are not paired).

const quantile = (samples, q) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * q))];

/**
 * `detect(i)`: the i-th uncached detection; `repeat()`: the cached request. Both resolve with `{ ms, cached }`.
 * Returns the medians and 95th percentiles of both while they overlap, and how many requests were sent.
 */
export async function cachedDuringDetections(detect, repeat, detections) {
  const uncached = [];
  const cached = [];
  let requests = 0;
  let running = true;
  const detecting = (async () => {
    try {
      for (let i = 0; i < detections; i++) {
        requests++;
        const result = await detect(i);
        if (result.cached) throw new Error('a new detection was answered from the cache');
        uncached.push(result.ms);
      }
    } finally {
      running = false;
    }
  })();
  const repeating = (async () => {
    while (running) {
      requests++;
      const result = await repeat();
      if (!result.cached) throw new Error('a repeated request was not answered from the cache');
      if (running) cached.push(result.ms);
    }
  })();
  await Promise.all([detecting, repeating]);
  return {
    requests,
    uncached: { median: quantile(uncached, 0.5), p95: quantile(uncached, 0.95) },
    cached: { median: quantile(cached, 0.5), p95: quantile(cached, 0.95), count: cached.length },
  };
}
