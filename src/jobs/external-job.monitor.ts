import { MikroORM, RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { QueueEvents, type Job as QueueJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { REDIS_CLIENT } from '../redis/redis.module';
import { redisOptionsOf } from '../redis/redis-connection';
import { ObjectStorage } from '../storage/object-storage';
import { QueueRegistry } from '../tasks/queue-registry';
import { TaskRecorder } from '../tasks/task-recorder';
import { Artifact, ArtifactKind } from './entities/artifact.entity';
import { JobStatus, TERMINAL_JOB_STATUSES } from './entities/job-status';
import { Job } from './entities/job.entity';
import { JobJournal } from './job-journal';

const QUEUE = 'jobs-external';

/**
 * Follows the `jobs-external` queue, which external (GPU) workers process, and mirrors what they do into the
 * job: taken → RUNNING, progress → progress events, completed → OUTPUT/PREVIEW artifacts from the objects they
 * uploaded and SUCCEEDED (or FAILED when nothing was uploaded), failed for good → FAILED with their reason.
 * Every event is claimed once in Redis, so any number of worker processes may run this monitor.
 */
@Injectable()
export class ExternalJobMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExternalJobMonitor.name);
  private events?: QueueEvents;
  /** Events of one job are applied in the order they arrived (the stream's order). */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly em: EntityManager,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly storage: ObjectStorage,
    private readonly queues: QueueRegistry,
    private readonly recorder: TaskRecorder,
    private readonly journal: JobJournal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.events = new QueueEvents(QUEUE, {
      connection: redisOptionsOf(this.config.redis),
      prefix: this.config.redis.keyPrefix,
    });
    const on = (
      name: 'active' | 'progress' | 'completed' | 'failed',
      handle: (
        job: Job,
        queued: QueueJob | undefined,
        args: Record<string, unknown>,
      ) => Promise<void>,
    ) =>
      this.events?.on(name, (args: { jobId: string }, eventId: string) => {
        const previous = this.chains.get(args.jobId) ?? Promise.resolve();
        const next = previous.then(() => this.handle(name, args, eventId, handle));
        this.chains.set(args.jobId, next);
        void next.finally(() => {
          if (this.chains.get(args.jobId) === next) this.chains.delete(args.jobId);
        });
      });
    on('active', (job, queued) => this.started(job, queued));
    on('progress', (job, queued, args) => this.progressed(job, queued, args.data));
    on('completed', (job, queued, args) => this.completed(job, queued, args.returnvalue));
    on('failed', (job, queued, args) =>
      this.failed(job, queued, String(args.failedReason ?? 'failed')),
    );
    await this.events.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close();
  }

  private async handle(
    name: string,
    args: { jobId: string },
    eventId: string,
    handle: (
      job: Job,
      queued: QueueJob | undefined,
      args: Record<string, unknown>,
    ) => Promise<void>,
  ): Promise<void> {
    try {
      const claim = await this.redis.set(
        `${this.config.redis.keyPrefix}:${QUEUE}:seen:${eventId}:${name}`,
        '1',
        'EX',
        86_400,
        'NX',
      );
      if (claim !== 'OK') return;
      await RequestContext.create(this.orm.em, async () => {
        const job = await this.em.findOne(Job, { taskId: args.jobId });
        if (!job || TERMINAL_JOB_STATUSES.includes(job.status)) return;
        const queued = await this.queues.get(QUEUE).getJob(args.jobId);
        await handle(job, queued, args as Record<string, unknown>);
      });
    } catch (error) {
      this.logger.error(
        { err: error, event: name, taskId: args.jobId },
        'could not follow an external job',
      );
    }
  }

  private async started(job: Job, queued: QueueJob | undefined): Promise<void> {
    if (queued) await this.recorder.started(queued);
    if (job.status === JobStatus.Queued) await this.journal.status(job, JobStatus.Running);
  }

  private async progressed(job: Job, queued: QueueJob | undefined, data: unknown): Promise<void> {
    const percent =
      typeof data === 'number' ? data : Number((data as { percent?: unknown })?.percent);
    if (!Number.isFinite(percent)) return;
    if (queued) await this.recorder.progressed(queued, percent);
    await this.journal.progress(job, percent, 'external worker');
  }

  private async completed(job: Job, queued: QueueJob | undefined, result: unknown): Promise<void> {
    const uploaded = await this.storage.list(`jobs/${job.id}/`);
    const find = (name: string) => uploaded.find((o) => o.key.endsWith(`/${name}`) && o.size > 0);
    const output = find('output.glb');
    if (!output) {
      await this.journal.status(job, JobStatus.Failed, {
        error: 'The external worker finished without uploading its output',
      });
      return;
    }
    for (const [kind, summary, contentType] of [
      [ArtifactKind.Output, output, 'model/gltf-binary'],
      [ArtifactKind.Preview, find('preview.png'), 'image/png'],
    ] as const) {
      if (!summary) continue;
      const meta = await this.storage.head(summary.key);
      this.em.create(Artifact, {
        job,
        kind,
        bucket: this.storage.bucket,
        objectKey: summary.key,
        contentType: meta?.contentType ?? contentType,
        size: summary.size,
        checksum: meta?.sha256 ?? null,
      });
    }
    if (queued) await this.recorder.completed(queued, result);
    await this.journal.status(job, JobStatus.Succeeded);
  }

  private async failed(job: Job, queued: QueueJob | undefined, reason: string): Promise<void> {
    const final = !queued || (await queued.getState()) === 'failed';
    if (queued) await this.recorder.failed(queued, new Error(reason));
    if (final) await this.journal.status(job, JobStatus.Failed, { error: reason });
  }
}
