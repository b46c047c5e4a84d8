import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, LOOPBACK_HOST } from '../../src/local';
import { waitForRedisPing } from '../../src/local/redis-ping';

export interface OwnedRedisOptions {
  /** true: append-only file, fsynced at every write, so a restart keeps every key; false (default): a restart loses all. */
  persistence?: boolean;
}

interface RunningRedis {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * A redis-server owned by one test file, on a free loopback port with its data in a temporary folder. The test
 * may stop it (SIGTERM), SIGKILL it, freeze it (SIGSTOP: connections stay open, nothing answers) and start it
 * again on the same port. Never the shared server on 6379.
 */
export class OwnedRedis {
  private running: RunningRedis | undefined;
  private readonly log: string[] = [];

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
    private readonly options: OwnedRedisOptions,
  ) {}

  static async start(options: OwnedRedisOptions = {}): Promise<OwnedRedis> {
    const dataDir = await mkdtemp(join(tmpdir(), 'fault-redis-'));
    const owned = new OwnedRedis(dataDir, await findFreePort(), options);
    await owned.restart();
    return owned;
  }

  get url(): string {
    return `redis://${LOOPBACK_HOST}:${this.port}`;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** SIGTERM: redis finishes its append-only file (when persistent) and exits. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  /** SIGKILL, as a crash would. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /**
   * Starts redis-server on the same port and folder; with persistence it loads the append-only file.
   * `losingData` first removes its files, so it comes back empty as a server without persistence does.
   */
  async restart(options: { losingData?: boolean } = {}): Promise<void> {
    if (this.running) return;
    if (options.losingData) {
      await rm(this.dataDir, { recursive: true, force: true });
      await mkdir(this.dataDir, { recursive: true });
    }
    const persistence = this.options.persistence
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no'];
    const child = spawn(
      'redis-server',
      [
        ...['--bind', LOOPBACK_HOST, '--port', String(this.port), '--dir', this.dataDir],
        ...['--save', '', ...persistence, '--daemonize', 'no', '--protected-mode', 'yes'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (chunk: Buffer): void => {
      this.log.push(...chunk.toString().split('\n').filter(Boolean));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    this.running = { child, exited };
    const probe = await waitForRedisPing({
      host: LOOPBACK_HOST,
      port: this.port,
      timeoutMs: 15_000,
      exited,
    });
    if (!probe.ready) {
      await this.kill();
      throw new Error(`redis-server did not start: ${probe.reason}\n${this.output()}`);
    }
  }

  /** SIGSTOP: the server hangs with its connections open (a frozen host, a full network buffer). */
  freeze(): void {
    this.running?.child.kill('SIGSTOP');
  }

  /** SIGCONT after `freeze`. */
  thaw(): void {
    this.running?.child.kill('SIGCONT');
  }

  async dispose(): Promise<void> {
    await this.kill();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The server's recent output, for failure messages. */
  output(): string {
    return this.log.slice(-40).join('\n');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.child.kill('SIGCONT'); // a frozen server would not act on the signal
    running.child.kill(signal);
    await running.exited;
  }
}
