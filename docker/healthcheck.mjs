// Container health probe: exits 0 when the URL answers 2xx within the time limit, 1 otherwise.
// Usage: node docker/healthcheck.mjs http://127.0.0.1:3000/health/live [timeoutMs]
/* global AbortSignal -- a Node global the repo's .mjs lint settings do not list */
const [url, timeoutArg] = process.argv.slice(2);
if (!url) {
  console.error('usage: node docker/healthcheck.mjs <url> [timeoutMs]');
  process.exit(2);
}
const timeoutMs = Number(timeoutArg ?? 4000);

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) console.error(`${url} answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`${url} unreachable: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
