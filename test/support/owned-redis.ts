import { spawn, type ChildProcess } from 'node:child_process';
import { waitForRedisPing } from '../../src/local/redis-ping';
import { findFreePort } from '../../src/local/free-port';

/**
 * A redis-server owned by one test file: a free loopback port, no persistence (a restart starts empty). The test
 * may freeze it (SIGSTOP: connections stay open, nothing answers), kill it (connections refused) and start it
 * again on the same port. Never the shared Redis on 6379.
 */
export class OwnedRedisServer {
  private child?: ChildProcess;
  private exited: Promise<void> = Promise.resolve();

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnedRedisServer> {
    const server = new OwnedRedisServer(await findFreePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on the same port, empty, and waits for its PONG. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('the owned redis-server is already running');
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
    const ping = await waitForRedisPing({
      host: '127.0.0.1',
      port: this.port,
      timeoutMs: 15_000,
      exited: this.exited,
    });
    if (!ping.ready) throw new Error(`the owned redis-server did not start: ${ping.reason}`);
  }

  /** SIGSTOP: the server hangs with its connections open (a frozen host, a full network buffer). */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  /** SIGCONT after `freeze`. */
  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGKILL, waiting for the exit: connections are closed and new ones refused. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGCONT');
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
