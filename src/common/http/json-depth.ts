/**
 * The deepest nesting of arrays and objects a JSON request body may have. Validation and transformation walk a
 * body recursively, so an absurdly deep one (`[[[[…]]]]`, thousands of levels) would overflow the stack; no
 * request of this API needs more than a few levels.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests arrays/objects more than `max` levels deep; iterative, so any depth is safe to measure. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
