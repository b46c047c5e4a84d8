// Preloaded into the benchmarked app (node --import): for each HTTP request, the time inside the server, from
// its headers being parsed to the last byte of the response handed to the socket (the upload's body arrives in
// between), sent to the benchmark over the IPC channel. Uses Node's http diagnostics channels; the app's code is
// not touched.
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

const started = new WeakMap();
subscribe('http.server.request.start', ({ request }) => started.set(request, performance.now()));
subscribe('http.server.response.finish', ({ request }) => {
  const at = started.get(request);
  if (at !== undefined && process.send)
    process.send({ method: request.method, url: request.url, ms: performance.now() - at });
});
