import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DIST = join(__dirname, '..', '..', '..', 'dist', 'src');

/** A compiled entry point of the platform (`dist/src/<entry>.js`) running as its own process. */
export interface NodeService {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** The exit code or signal name once it has ended; undefined while it runs. */
  readonly exit: number | string | null | undefined;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM, then SIGKILL if it has not ended within 10 s. */
  stop(): Promise<void>;
}

const entryPath = (entry: string): string => {
  const path = join(DIST, `${entry}.js`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\``);
  return path;
};

/** Starts `dist/src/<entry>.js` with `variables` as its whole environment (plus PATH and HOME). */
export function spawnNodeService(
  entry: 'main' | 'worker',
  variables: Record<string, string>,
): NodeService {
  let output = '';
  let exit: number | string | null | undefined;
  const child = spawn(process.execPath, [entryPath(entry)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...variables },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = code ?? signal;
      resolve(exit);
    }),
  );
  return {
    name: entry,
    child,
    output: () => output,
    get exit() {
      return exit;
    },
    exited,
    stop: async () => {
      if (exit !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx; fails early, with the output, if `service` exits first. */
export async function waitUntilAnswering(
  service: NodeService,
  url: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.exit !== undefined)
      throw new Error(
        `${service.name} exited (${service.exit}) before ${url} answered:\n${service.output()}`,
      );
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `node dist/src/cli.js ...args` to completion; rejects with its output if it fails. */
export async function runCli(variables: Record<string, string>, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [entryPath('cli'), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...variables },
    timeout: 60_000,
  });
  return stdout;
}
