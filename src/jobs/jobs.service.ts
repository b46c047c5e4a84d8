import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ownedByCaller, requireOwnerOrAdmin } from '../common/auth/ownership';
import type { Principal } from '../common/auth/principal';
import type { Page } from '../common/pagination/page.dto';
import { paginate } from '../common/pagination/paginate';
import { ObjectStorage } from '../storage/object-storage';
import { FINISHED_TASK_STATUSES } from '../tasks/entities/task-status';
import { TaskQueue } from '../tasks/task-queue.service';
import { TasksService } from '../tasks/tasks.service';
import type { DownloadDto } from './dto/job.dto';
import type { JobQueryDto } from './dto/job-query.dto';
import { Artifact, ArtifactKind } from './entities/artifact.entity';
import { JobEvent } from './entities/job-event.entity';
import { JobStatus, TERMINAL_JOB_STATUSES } from './entities/job-status';
import { Job } from './entities/job.entity';
import { JobJournal } from './job-journal';

/** Reading, downloading and cancelling jobs; every route checks ownership (admins see all). */
@Injectable()
export class JobsService {
  constructor(
    private readonly em: EntityManager,
    private readonly storage: ObjectStorage,
    private readonly tasks: TasksService,
    private readonly taskQueue: TaskQueue,
    private readonly journal: JobJournal,
  ) {}

  async get(id: string, caller: Principal): Promise<{ job: Job; artifacts: Artifact[] }> {
    const job = requireOwnerOrAdmin(
      caller,
      await this.em.findOne(Job, { id }, { populate: ['model'] }),
      { kind: 'job', id },
    );
    const artifacts = await this.em.find(Artifact, { job }, { orderBy: [{ createdAt: 'asc' }] });
    return { job, artifacts };
  }

  async list(caller: Principal, query: JobQueryDto): Promise<Page<Job>> {
    const where: FilterQuery<Job> = ownedByCaller(caller);
    if (query.status) where.status = query.status;
    if (query.model_id) where.model = query.model_id;
    return paginate(this.em, Job, where, query, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  async events(id: string, caller: Principal): Promise<JobEvent[]> {
    const { job } = await this.get(id, caller);
    return this.em.find(JobEvent, { job }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  async download(id: string, caller: Principal): Promise<DownloadDto> {
    const { job, artifacts } = await this.get(id, caller);
    if (job.status !== JobStatus.Succeeded) {
      throw new BadRequestException(
        `Job ${id} is ${job.status}; its output can be downloaded once it has SUCCEEDED`,
      );
    }
    const output = artifacts.find((a) => a.kind === ArtifactKind.Output);
    if (!output) throw new NotFoundException(`Job ${id} has no output file`);
    const name = output.objectKey.split('/').pop();
    const url = await this.storage.presignGet(output.objectKey, { downloadName: name });
    return { download_url: url.url, expires_in: url.expiresInSeconds };
  }

  /**
   * Cancels the job's task (the platform removes a queued job from its queue; a running one stops at its next
   * step); the job follows its task to CANCELED through JobTaskMirror.
   */
  async cancel(id: string, caller: Principal): Promise<{ job: Job; artifacts: Artifact[] }> {
    const found = await this.get(id, caller);
    const { job } = found;
    if (TERMINAL_JOB_STATUSES.includes(job.status))
      throw new ConflictException(`Job ${id} is already ${job.status}`);
    const task = job.taskId ? await this.tasks.findById(job.taskId) : null;
    if (task && !FINISHED_TASK_STATUSES.includes(task.status)) {
      await this.taskQueue.cancelTask(task).catch((error: unknown) => {
        if (!(error instanceof ConflictException)) throw error;
      });
      await this.em.refresh(job);
    } else {
      await this.journal.status(job, JobStatus.Canceled); // no open task: nothing else can move it
    }
    if (job.status !== JobStatus.Canceled)
      throw new ConflictException(`Job ${id} ended (${job.status}) while it was being canceled`);
    return found;
  }
}
