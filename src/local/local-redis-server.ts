import { ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findExecutable, pathDirectories } from './executable-locator';
import { findFreePort, isPortFree, LOOPBACK_HOST } from './free-port';
import { isRecord, JsonStateFile, optionalPositiveInt } from './json-state-file';
import { displayPath } from './local-directories';
import { LocalServerStartError, RedisServerNotFoundError } from './local-server.errors';
import { OutputTail } from './output-tail';
import { settlePreviousServer } from './previous-server-guard';
import { waitForRedisPing } from './redis-ping';

export interface LocalRedisServerOptions {
  /** Folder for the RDB snapshot and append-only files, e.g. `var/local/redis`. */
  dataDir: string;
  /** Fixed port. Default: any free loopback port. */
  port?: number;
  /** Folders searched for the executable, in order. Default: the entries of PATH. */
  searchDirs?: readonly string[];
  /** Executable name. Default `redis-server`. */
  executableName?: string;
  /** Wait this long for the first PONG. Default 15 s. */
  startTimeoutMs?: number;
  /** Receives this launcher's short status lines. Default `console.log`. */
  logger?: (line: string) => void;
  /** Receives redis-server's own output lines. Default: kept for error messages only. */
  serverLog?: (line: string) => void;
}

export interface LocalRedisConnection {
  redisUrl: string;
  host: string;
  port: number;
}

export interface LocalRedisState {
  serverPid: number;
  launcherPid: number;
  /** Where it listens, for the CLI to find it while the launcher runs. */
  port?: number;
}

function parseState(raw: unknown): LocalRedisState | undefined {
  if (!isRecord(raw)) return undefined;
  const serverPid = optionalPositiveInt(raw, 'serverPid');
  const launcherPid = optionalPositiveInt(raw, 'launcherPid');
  const port = optionalPositiveInt(raw, 'port');
  return serverPid && launcherPid ? { serverPid, launcherPid, port } : undefined;
}

export const localRedisStateFile = (dataDir: string): JsonStateFile<LocalRedisState> =>
  new JsonStateFile(join(resolve(dataDir), 'local-redis.json'), parseState);

const STOP_TIMEOUT_MS = 15_000;

/** Settles once the child has exited or could not be spawned at all. */
function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.once('error', () => done());
  });
}

function settlesWithin(promise: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(false), timeoutMs);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

interface RunningRedis {
  process: ChildProcess;
  exited: Promise<void>;
  hasExited: boolean;
  /** Answered PING once; an exit after that is worth reporting. */
  ready: boolean;
}

/** Runs the `redis-server` found on PATH on a loopback port, with its data kept between runs. */
export class LocalRedisServer {
  private readonly dataDir: string;
  private readonly state: JsonStateFile<LocalRedisState>;
  private readonly log: (line: string) => void;
  private readonly output = new OutputTail();
  private running: RunningRedis | undefined;
  private stopping = false;
  // Runs inside process 'exit', where only synchronous work is possible.
  private readonly killOnExit = (): void => {
    this.running?.process.kill('SIGTERM');
  };

  constructor(private readonly options: LocalRedisServerOptions) {
    this.dataDir = resolve(options.dataDir);
    this.state = localRedisStateFile(this.dataDir);
    this.log = options.logger ?? console.log;
  }

  async start(): Promise<LocalRedisConnection> {
    if (this.running) throw new Error('The local redis-server is already started.');
    const searchDirs = this.options.searchDirs ?? pathDirectories();
    const executable = await findExecutable(
      this.options.executableName ?? 'redis-server',
      searchDirs,
    );
    if (!executable) throw new RedisServerNotFoundError(searchDirs);

    await mkdir(this.dataDir, { recursive: true });
    await this.clearPreviousRun();
    const port = await this.choosePort();
    const running = this.spawnServer(executable, port);
    if (running.process.pid !== undefined) {
      await this.state.write({
        serverPid: running.process.pid,
        launcherPid: process.pid,
        port,
      });
    }

    const probe = await waitForRedisPing({
      host: LOOPBACK_HOST,
      port,
      timeoutMs: this.options.startTimeoutMs ?? 15_000,
      exited: running.exited,
    });
    if (!probe.ready) {
      await this.stop();
      throw new LocalServerStartError(
        `redis-server (${executable}) did not start: ${probe.reason}`,
        this.output.text(),
      );
    }
    running.ready = true;
    this.log(
      `redis-server ${probe.version} listening on ${LOOPBACK_HOST}:${port} ` +
        `(data: ${displayPath(this.dataDir)})`,
    );
    return { redisUrl: `redis://${LOOPBACK_HOST}:${port}`, host: LOOPBACK_HOST, port };
  }

  /** SIGTERM makes redis write its snapshot and exit; waits for that, then forces it. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.stopping = true;
    try {
      if (!running.hasExited) {
        running.process.kill('SIGTERM');
        if (!(await settlesWithin(running.exited, STOP_TIMEOUT_MS))) {
          running.process.kill('SIGKILL');
          await running.exited;
        }
      }
      // Leave the record alone if another launcher has taken the folder over since.
      const recorded = await this.state.read();
      if (recorded?.serverPid === running.process.pid) await this.state.remove();
    } finally {
      process.removeListener('exit', this.killOnExit);
      this.running = undefined;
      this.stopping = false;
    }
  }

  private spawnServer(executable: string, port: number): RunningRedis {
    const args = [
      ...['--bind', LOOPBACK_HOST, '--port', String(port), '--dir', this.dataDir],
      ...['--save', '60', '1', '--appendonly', 'yes'],
      ...['--daemonize', 'no', '--protected-mode', 'yes'],
    ];
    // Its own process group: a terminal's Ctrl-C reaches the launcher only, which stops redis after the app.
    const child = spawn(executable, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const running: RunningRedis = {
      process: child,
      exited: exitOf(child),
      hasExited: false,
      ready: false,
    };
    this.running = running;
    process.on('exit', this.killOnExit);
    const collect = (chunk: Buffer): void => {
      this.output.push(chunk);
      const serverLog = this.options.serverLog;
      if (serverLog) for (const line of chunk.toString().split(/\r?\n/)) if (line) serverLog(line);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', (error) =>
      this.output.push(`could not run ${executable}: ${error.message}\n`),
    );
    void running.exited.then(() => {
      running.hasExited = true;
      if (running.ready && !this.stopping && this.running === running) {
        const how = child.signalCode ?? `code ${child.exitCode}`;
        this.log(`redis-server exited unexpectedly (${how})`);
      }
    });
    return running;
  }

  private async clearPreviousRun(): Promise<void> {
    const remembered = await this.state.read();
    const outcome = await settlePreviousServer(
      {
        label: 'Redis',
        directory: displayPath(this.dataDir),
        serverPid: remembered?.serverPid,
        launcherPid: remembered?.launcherPid,
        commandMarker: 'redis-server',
        stopSignal: 'SIGTERM',
      },
      STOP_TIMEOUT_MS,
    );
    if (outcome === 'stopped-orphan') {
      this.log('stopped a redis-server left running by an earlier, crashed launcher');
    }
  }

  private async choosePort(): Promise<number> {
    const { port } = this.options;
    if (port === undefined) return findFreePort();
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} on ${LOOPBACK_HOST} is taken; choose another for Redis.`);
    }
    return port;
  }
}
