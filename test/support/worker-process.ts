import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '../../src/local';

const WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');

export interface WorkerProcess {
  child: ChildProcess;
  /** The port of its health probes (WORKER_HEALTH_PORT). */
  port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** What the process wrote to its standard output only. */
  stdout(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string | null>;
  /** Resolves once the worker's readiness probe answers; rejects if it exits first. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the compiled worker entry point (`node dist/src/worker.js`) as its own process with `variables` as its
 * whole environment (plus PATH and HOME). `ready()` resolves once its readiness probe answers.
 */
export async function spawnWorkerProcess(
  variables: Record<string, string>,
  timeoutMs = 60_000,
): Promise<WorkerProcess> {
  if (!existsSync(WORKER)) throw new Error('dist/src/worker.js is missing: run `npm run build`');
  const port = await findFreePort();
  let output = '';
  let stdout = '';
  const child = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...variables,
      WORKER_HEALTH_PORT: String(port),
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let ended = false;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      resolve(code ?? signal);
    }),
  );

  const waitUntilReady = async (): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (ended) throw new Error(`the worker exited before it was ready:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
        .then((res) => res.ok)
        .catch(() => false);
      if (ready) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the worker was not ready within ${timeoutMs} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    child,
    port,
    output: () => output,
    stdout: () => stdout,
    ready: waitUntilReady,
    exited,
    stop: async () => {
      if (!ended) child.kill('SIGTERM');
      await exited;
    },
  };
}
