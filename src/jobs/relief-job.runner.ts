import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job as QueueJob } from 'bullmq';
import { ObjectKeys } from '../storage/object-keys';
import { ObjectStorage } from '../storage/object-storage';
import { Artifact, ArtifactKind } from './entities/artifact.entity';
import { JobStatus } from './entities/job-status';
import { Job } from './entities/job.entity';
import { JobJournal } from './job-journal';
import {
  generateRelief,
  InvalidReliefInputError,
  ReliefCanceledError,
  type ReliefParams,
} from './relief';

const reliefParamsOf = (p: Record<string, unknown>): ReliefParams => ({
  resolution: Number(p.resolution),
  depth: Number(p.depth),
  invert: Boolean(p.invert),
  smoothing: Number(p.smoothing),
});

/** BullMQ's reason for a job whose lock expired (its worker died) more often than `maxStalledCount` allows. */
const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

const readAll = async (body: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Runs a built-in (CPU) job: relief-v1 turns the input image into a GLB height mesh and a PNG preview. Progress
 * and state go to the job row and its events; a cancel request is honoured between steps; outputs land in storage
 * as OUTPUT and PREVIEW artifacts. Failures that retrying cannot fix fail the job at once; others after the retries
 * (the processor calls {@link ReliefJobRunner.failed} then).
 */
@Injectable()
export class ReliefJobRunner {
  private readonly logger = new Logger(ReliefJobRunner.name);

  constructor(
    private readonly em: EntityManager,
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
    private readonly journal: JobJournal,
  ) {}

  async run(
    queueJob: QueueJob<{ jobId: string }>,
  ): Promise<{ status: string; outputKey?: string }> {
    const job = await this.em.findOneOrFail(Job, { id: queueJob.data.jobId });
    if (!(await this.journal.status(job, JobStatus.Running)))
      return { status: await this.currentStatus(job.id) }; // canceled before it started
    try {
      const input = await this.storage.get(String(job.inputParams.image_path));
      const image = await readAll(input.body);
      const result = await generateRelief(
        image,
        reliefParamsOf(job.inputParams),
        (percent, step) => this.journal.progress(job, percent, step),
        async () => (await this.currentStatus(job.id)) === JobStatus.Canceled,
      );
      const outputKey = this.keys.generate(`jobs/${job.id}`, 'relief.glb');
      const previewKey = this.keys.generate(`jobs/${job.id}`, 'preview.png');
      const [output, preview] = await Promise.all([
        this.storage.put(outputKey, result.glb, { contentType: 'model/gltf-binary' }),
        this.storage.put(previewKey, result.preview, { contentType: 'image/png' }),
      ]);
      for (const [kind, stored] of [
        [ArtifactKind.Output, output],
        [ArtifactKind.Preview, preview],
      ] as const) {
        this.em.create(Artifact, {
          job,
          kind,
          bucket: this.storage.bucket,
          objectKey: stored.key,
          contentType: stored.contentType,
          size: stored.size,
          checksum: stored.sha256 ?? null,
        });
      }
      if (!(await this.journal.status(job, JobStatus.Succeeded)))
        return { status: await this.currentStatus(job.id) }; // canceled during the last step
      return { status: job.status, outputKey };
    } catch (error) {
      if (error instanceof ReliefCanceledError) return { status: JobStatus.Canceled };
      throw error instanceof InvalidReliefInputError
        ? new UnrecoverableError(error.message)
        : error;
    }
  }

  /**
   * Marks the job FAILED once its queue job has failed for good: its last attempt threw, or its worker died
   * while running it more often than QUEUE_MAX_STALLED_COUNT allows. A job that already ended is left alone.
   */
  async failed(jobId: string, error: Error): Promise<void> {
    const job = await this.em.findOne(Job, { id: jobId });
    if (!job) return;
    const reason =
      error.message === STALLED_TOO_OFTEN
        ? `The worker running this job stopped before it finished, too many times (${STALLED_TOO_OFTEN})`
        : error.message || error.name;
    if (await this.journal.status(job, JobStatus.Failed, { error: reason }))
      this.logger.warn({ jobId, err: error }, 'job failed');
  }

  /** The job's status as stored now, which another process (a cancel) may have changed. */
  private async currentStatus(jobId: string): Promise<JobStatus> {
    const row = await this.em.fork().findOneOrFail(Job, { id: jobId }, { fields: ['status'] });
    return row.status;
  }
}
