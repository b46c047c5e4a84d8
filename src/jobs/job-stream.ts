import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../common/auth/principal';
import { TERMINAL_JOB_STATUSES, type JobStatus } from './entities/job-status';
import { JobUpdates, type JobUpdate } from './job-updates';
import { JobsService } from './jobs.service';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events of one job: a `snapshot` first, then every `status` and `progress` change (from whichever
 * process makes it), until the job ends; a comment line every 15 s keeps proxies from closing the connection.
 */
@Injectable()
export class JobStream {
  constructor(
    private readonly jobs: JobsService,
    private readonly updates: JobUpdates,
  ) {}

  async open(id: string, caller: Principal, res: Response): Promise<void> {
    await this.jobs.get(id, caller); // 404 / 403 as JSON before the stream starts
    const pending: JobUpdate[] = [];
    let write: (update: JobUpdate) => void = (update) => pending.push(update);
    const unsubscribe = await this.updates.subscribe(id, (update) => write(update));
    const { job } = await this.jobs.get(id, caller);

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = (): void => {
      clearInterval(heartbeat);
      void unsubscribe();
      res.end();
    };
    res.on('close', close);
    const send = (event: string, data: JobUpdate): void => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (TERMINAL_JOB_STATUSES.includes(data.status as JobStatus)) close();
    };
    send('snapshot', {
      type: 'status',
      status: job.status,
      progress_percent: job.progressPercent,
      error: job.error,
    });
    if (res.writableEnded) return;
    write = (update) => send(update.type, update);
    for (const update of pending) write(update);
  }
}
