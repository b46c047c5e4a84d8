import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

/** A refused, reset or closed connection, as opposed to an error of a command or a job. */
export const isConnectionError = (error: NodeJS.ErrnoException): boolean =>
  CONNECTION_CODES.has(error.code ?? '') || /connection is closed/i.test(error.message);

/**
 * Connection state of one Redis user (client, queue, worker), logged as JSON once per change: "lost" at the first
 * connection error (not at every reconnect attempt), "restored" when it is ready again. Other errors are logged
 * each time.
 */
export class RedisConnectionLog {
  private lost = false;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  readonly onError = (error: NodeJS.ErrnoException): void => {
    if (!isConnectionError(error)) {
      this.logger.error({ redis: this.name, err: error }, 'Redis error');
      return;
    }
    if (this.lost) return;
    this.lost = true;
    const details = { redis: this.name, code: error.code, reason: error.message };
    this.logger.warn(details, 'Redis connection lost; reconnecting');
  };

  readonly onReady = (): void => {
    if (!this.lost) return;
    this.lost = false;
    this.logger.info({ redis: this.name }, 'Redis connection restored');
  };
}

/**
 * Logs a client's connection changes. Having an 'error' listener also keeps ioredis from printing
 * "[ioredis] Unhandled error event" with a stack trace at every reconnect attempt.
 */
export function logConnectionChanges(client: Redis, name: string, logger: Logger): void {
  const log = new RedisConnectionLog(name, logger);
  client.on('error', log.onError);
  client.on('ready', log.onReady);
}

/** An ioredis client whose copies (`duplicate()`, e.g. for pub/sub) log their connection changes too. */
export class ObservedRedis extends Redis {
  constructor(
    options: Omit<RedisOptions, 'replyMapping'>,
    private readonly clientName: string,
    private readonly logger: Logger,
  ) {
    super(options);
    logConnectionChanges(this, clientName, logger);
  }

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const copy = super.duplicate(override);
    logConnectionChanges(copy, `${this.clientName} (copy)`, this.logger);
    return copy;
  }
}
