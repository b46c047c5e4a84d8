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

const readAll = async (body: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Runs a built-in (CPU) job: relief-v1 turns the input image into a GLB height mesh and a PNG preview. Progress
 * and state go to the job row and its events; a cancel request is honoured between steps; outputs land in storage
 * as OUTPUT and PREVIEW artifacts. Failures that retrying cannot fix fail the job at once; others after the retries.
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
    if (job.status === JobStatus.Canceled) return { status: job.status };
    await this.journal.status(job, JobStatus.Running);
    try {
      const input = await this.storage.get(String(job.inputParams.image_path));
      const image = await readAll(input.body);
      const result = await generateRelief(
        image,
        reliefParamsOf(job.inputParams),
        (percent, step) => this.journal.progress(job, percent, step),
        () => this.canceled(job.id),
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
      if (await this.canceled(job.id)) return { status: JobStatus.Canceled };
      await this.journal.status(job, JobStatus.Succeeded);
      return { status: job.status, outputKey };
    } catch (error) {
      if (error instanceof ReliefCanceledError) return { status: JobStatus.Canceled };
      const final =
        error instanceof InvalidReliefInputError ||
        queueJob.attemptsMade + 1 >= (queueJob.opts.attempts ?? 1);
      if (final) {
        await this.journal.status(job, JobStatus.Failed, { error: (error as Error).message });
        this.logger.warn({ jobId: job.id, err: error }, 'job failed');
      }
      throw error instanceof InvalidReliefInputError
        ? new UnrecoverableError(error.message)
        : error;
    }
  }

  private async canceled(jobId: string): Promise<boolean> {
    const row = await this.em.fork().findOne(Job, { id: jobId }, { fields: ['status'] });
    return row?.status === JobStatus.Canceled;
  }
}
