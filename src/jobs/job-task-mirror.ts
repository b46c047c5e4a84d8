import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ObjectStorage } from '../storage/object-storage';
import { TaskLifecycle } from '../tasks/lifecycle/task-lifecycle';
import type { TaskMirror, TaskTransition } from '../tasks/lifecycle/task-mirror';
import { Artifact, ArtifactKind } from './entities/artifact.entity';
import { JobStatus, TERMINAL_JOB_STATUSES } from './entities/job-status';
import { Job } from './entities/job.entity';
import { JobJournal } from './job-journal';

/**
 * Keeps a generative 3D job in step with the platform task that carries it: the task starts → RUNNING,
 * reports progress → a progress event, fails for good → FAILED with its reason, is canceled → CANCELED. When
 * an external worker's task succeeds, the objects it uploaded become OUTPUT/PREVIEW artifacts and the job is
 * SUCCEEDED (FAILED if it uploaded nothing); the built-in runner records its outputs and SUCCEEDED itself, with
 * its effect. A job that has ended is left alone, so a repeated call changes nothing.
 */
@Injectable()
export class JobTaskMirror implements TaskMirror, OnModuleInit {
  constructor(
    private readonly lifecycle: TaskLifecycle,
    private readonly em: EntityManager,
    private readonly journal: JobJournal,
    private readonly storage: ObjectStorage,
  ) {}

  onModuleInit(): void {
    this.lifecycle.registerMirror(['jobs-builtin', 'jobs-external'], this);
  }

  async mirror(transition: TaskTransition): Promise<void> {
    const job = await this.em.findOne(Job, { taskId: transition.taskId });
    if (!job || TERMINAL_JOB_STATUSES.includes(job.status)) return;
    switch (transition.event) {
      case 'start':
        await this.journal.status(job, JobStatus.Running);
        return;
      case 'progress':
        await this.journal.progress(job, transition.progress, 'external worker');
        return;
      case 'succeed':
        if (transition.queue === 'jobs-external') await this.collectOutputs(job);
        return;
      case 'fail':
        await this.journal.status(job, JobStatus.Failed, { error: transition.error ?? 'failed' });
        return;
      case 'cancel':
        await this.journal.status(job, JobStatus.Canceled);
        return;
      default:
        return;
    }
  }

  /** A 3D job that ended stays ended (its webhook was sent, its events are final): a new run is a new job. */
  refuseRerun(): Promise<string | null> {
    return Promise.resolve(
      'A generative 3D job is not run again through its task: create a new job (POST /api/v1/jobs)',
    );
  }

  private async collectOutputs(job: Job): Promise<void> {
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
    await this.journal.status(job, JobStatus.Succeeded);
  }
}
