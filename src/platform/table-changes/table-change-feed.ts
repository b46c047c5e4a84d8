import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { connectionTlsOf } from '@app/database';
import { AppConfig } from '../../config';
import { OwnFlushes } from './own-flushes';

/** The channel the `notify_table_change` trigger announces on (see the migration that creates it). */
export const TABLE_CHANGES_CHANNEL = 'table_changes';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Which watched tables changed, as counters: a table's generation moves on every committed change to it. Two
 * sources: PostgreSQL's NOTIFY from the tables' triggers (every writer: other replicas, the CLI, plain SQL;
 * delivered at commit), heard on one dedicated LISTEN connection, and this process's own flushes (moved at once
 * after the commit, so a client that wrote and then reads through the same process sees its write).
 *
 * Only while the LISTEN connection is up can a generation be trusted: `stamp()` is null until it is listening, and
 * after a lost connection everything starts a new epoch (changes made meanwhile were not heard). The connection is
 * opened on first use, so processes that never read a cached list hold none.
 */
@Injectable()
export class TableChangeFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TableChangeFeed.name);
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.orm.em
      .getEventManager()
      .registerSubscriber(new OwnFlushes((table) => this.changed(table)));
  }

  /** The tables' generations as one comparable value, or null while changes cannot be heard. */
  stamp(tables: readonly string[]): string | null {
    if (!this.listening) {
      this.connect();
      return null;
    }
    let stamp = String(this.epoch);
    for (const table of tables) stamp += `:${this.generations.get(table) ?? 0}`;
    return stamp;
  }

  /** A committed change to `table` (from a notification or this process's flush). */
  changed(table: string): void {
    this.generations.set(table, (this.generations.get(table) ?? 0) + 1);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    if (this.client || this.stopped || this.retryTimer) return;
    // The same TLS as the ORM's pool: sslmode read as libpq does (pg's own reading differs), not left to pg.
    const url = new URL(this.config.database.url);
    const ssl = connectionTlsOf(url.toString());
    url.searchParams.delete('sslmode');
    const client = new pg.Client({
      connectionString: url.toString(),
      ...(ssl === undefined ? {} : { ssl }),
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === TABLE_CHANGES_CHANNEL && message.payload)
        this.changed(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client
      .connect()
      .then(() => client.query(`listen ${TABLE_CHANGES_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        this.epoch++;
        this.listening = true;
        this.retryMs = RETRY_MIN_MS;
      })
      .catch((error: Error) => this.lost(client, error));
  }

  /** The LISTEN connection failed: nothing is trusted until a new one listens (tried again with backoff). */
  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.epoch++;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      { reason: error.message, retryMs: this.retryMs },
      'table change feed lost; kept answers are bypassed until it is back',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
