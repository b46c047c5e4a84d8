import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job as QueueJob } from 'bullmq';
import { ObjectKeys } from '../storage/object-keys';
import { ObjectStorage } from '../storage/object-storage';
import { TaskLifecycle } from '../tasks/lifecycle/task-lifecycle';
import { Artifact, ArtifactKind } from './entities/artifact.entity';
import { JobStatus, TERMINAL_JOB_STATUSES } from './entities/job-status';
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
 * goes to the job's events; a cancel of its task is honoured between steps; outputs land in storage as OUTPUT and
 * PREVIEW artifacts, recorded with SUCCEEDED in one transaction. Its other states (RUNNING, FAILED, CANCELED)
 * follow its task through JobTaskMirror. Failures that retrying cannot fix fail at once.
 */
@Injectable()
export class ReliefJobRunner {
  constructor(
    private readonly em: EntityManager,
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
    private readonly journal: JobJournal,
    private readonly lifecycle: TaskLifecycle,
  ) {}

  async run(
    queueJob: QueueJob<{ jobId: string }>,
  ): Promise<{ status: string; outputKey?: string }> {
    const job = await this.em.findOneOrFail(Job, { id: queueJob.data.jobId });
    if (TERMINAL_JOB_STATUSES.includes(job.status)) return { status: job.status }; // ended before it started
    try {
      const input = await this.storage.get(String(job.inputParams.image_path));
      const image = await readAll(input.body);
      const result = await generateRelief(
        image,
        reliefParamsOf(job.inputParams),
        (percent, step) => this.journal.progress(job, percent, step),
        () => this.lifecycle.cancelRequested(queueJob.id ?? ''),
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
        return { status: JobStatus.Canceled }; // canceled during the last step
      return { status: job.status, outputKey };
    } catch (error) {
      if (error instanceof ReliefCanceledError) return { status: JobStatus.Canceled };
      throw error instanceof InvalidReliefInputError
        ? new UnrecoverableError(error.message)
        : error;
    }
  }
}
