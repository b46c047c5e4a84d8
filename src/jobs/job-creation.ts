import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { newId } from '@app/database';
import { AppConfig } from '../config';
import { ObjectKeys } from '../storage/object-keys';
import { ObjectStorage } from '../storage/object-storage';
import type { ExternalJobPayload } from '../tasks/queue-catalog';
import { TaskQueue } from '../tasks/task-queue.service';
import { JobParamsValidator } from './catalog/job-params.validator';
import type { CreateJobDto } from './dto/create-job.dto';
import { INPUT_IMAGE_TYPES, MAX_INPUT_BYTES } from './dto/upload-ticket.dto';
import { AiModel, ModelKind, ModelRunner } from './entities/ai-model.entity';
import { Artifact, ArtifactKind } from './entities/artifact.entity';
import { Job } from './entities/job.entity';
import { JobJournal } from './job-journal';
import { uploadAreaOf } from './upload-tickets';
import { webhookUrlProblem } from './webhooks/webhook-target';

/** External jobs may wait long for a GPU: their URLs live 7 days (the S3 maximum). */
const EXTERNAL_URL_SECONDS = 7 * 24 * 3600;
export const MAX_OUTPUT_BYTES = 500 * 1024 * 1024;

const invalid = (field: string, message: string): UnprocessableEntityException =>
  new UnprocessableEntityException({ message, details: [{ field, messages: [message] }] });

/**
 * Creating a job: the model must exist and be enabled, parameters are merged over its defaults and validated, an
 * image model's input must be this user's upload and exist; job and INPUT artifact are written in one transaction,
 * then the job is queued — and marked FAILED with the reason if queueing fails, never left silently QUEUED.
 */
@Injectable()
export class JobCreation {
  constructor(
    private readonly em: EntityManager,
    private readonly params: JobParamsValidator,
    private readonly storage: ObjectStorage,
    private readonly taskQueue: TaskQueue,
    private readonly journal: JobJournal,
    private readonly keys: ObjectKeys,
    private readonly config: AppConfig,
  ) {}

  async create(ownerId: string, input: CreateJobDto): Promise<{ job: Job; artifacts: Artifact[] }> {
    const model = await this.em.findOne(AiModel, { id: input.model_id });
    if (!model) throw new NotFoundException(`Model ${input.model_id} is not in the catalogue`);
    if (!model.enabled) throw invalid('model_id', `Model ${model.id} is disabled`);
    if (model.kind === ModelKind.TextTo3d && !input.prompt?.trim()) {
      throw invalid('prompt', `prompt is required for the text-to-3d model ${model.id}`);
    }
    if (input.webhook_url && !this.config.webhooks.secret) {
      throw invalid(
        'webhook_url',
        'Webhooks are not configured on this server (WEBHOOK_SECRET is not set)',
      );
    }
    const webhookProblem =
      input.webhook_url && !this.config.webhooks.allowPrivateNetworks
        ? webhookUrlProblem(input.webhook_url)
        : undefined;
    if (webhookProblem) throw invalid('webhook_url', webhookProblem);
    const inputParams = this.params.merge(model, input.input_params ?? {});
    const inputObject =
      model.kind === ModelKind.ImageTo3d
        ? await this.checkInput(ownerId, inputParams.image_path)
        : null;

    const job = this.em.create(Job, {
      owner: ownerId,
      model,
      inputParams,
      prompt: input.prompt ?? null,
      webhookUrl: input.webhook_url ?? null,
      // Known before queueing: a worker may take the job, and its events arrive, at once.
      taskId: newId(),
    });
    this.journal.recordQueued(job);
    const artifacts = inputObject
      ? [
          this.em.create(Artifact, {
            job,
            kind: ArtifactKind.Input,
            bucket: this.storage.bucket,
            objectKey: inputObject.key,
            contentType: inputObject.contentType,
            size: inputObject.size,
            checksum: inputObject.sha256 ?? null,
          }),
        ]
      : [];
    await this.em.flush(); // job, INPUT artifact and the QUEUED event together
    await this.enqueue(job, model);
    return { job, artifacts };
  }

  private async checkInput(ownerId: string, imagePath: unknown) {
    const key = String(imagePath);
    if (!key.startsWith(`${uploadAreaOf(ownerId)}/`)) {
      throw invalid(
        'input_params.image_path',
        'input_params.image_path must be the object_name of one of your upload tickets',
      );
    }
    const object = await this.storage.head(key).catch(() => null);
    if (!object)
      throw invalid('input_params.image_path', `Nothing has been uploaded to ${key} yet`);
    if (
      !(INPUT_IMAGE_TYPES as readonly string[]).includes(object.contentType) ||
      object.size > MAX_INPUT_BYTES
    ) {
      throw invalid(
        'input_params.image_path',
        `${key} is not an image of an accepted type and size`,
      );
    }
    return object;
  }

  /**
   * Queues the job under its pre-recorded task id. A failure to queue fails the task, and the job with it
   * (JobTaskMirror), and answers 503.
   */
  private async enqueue(job: Job, model: AiModel): Promise<void> {
    const options = { ownerId: job.owner.id, taskId: job.taskId ?? undefined };
    if (model.runner === ModelRunner.Builtin)
      await this.taskQueue.enqueue('jobs-builtin', 'generate', { jobId: job.id }, options);
    else
      await this.taskQueue.enqueue(
        'jobs-external',
        'generate',
        await this.externalPayload(job, model),
        options,
      );
  }

  /** Everything an external worker needs, with presigned URLs so it needs no storage credentials. */
  private async externalPayload(job: Job, model: AiModel): Promise<ExternalJobPayload> {
    const expiresInSeconds = EXTERNAL_URL_SECONDS;
    const key = job.inputParams.image_path;
    const outputKey = this.keys.generate(`jobs/${job.id}`, 'output.glb');
    const previewKey = this.keys.generate(`jobs/${job.id}`, 'preview.png');
    const [input, output, preview] = await Promise.all([
      typeof key === 'string'
        ? this.storage.presignGet(key, { expiresInSeconds })
        : Promise.resolve(null),
      this.storage.presignPut(outputKey, {
        contentType: 'model/gltf-binary',
        maxBytes: MAX_OUTPUT_BYTES,
        expiresInSeconds,
      }),
      this.storage.presignPut(previewKey, {
        contentType: 'image/png',
        maxBytes: MAX_INPUT_BYTES,
        expiresInSeconds,
      }),
    ]);
    return {
      jobId: job.id,
      modelId: model.id,
      inputParams: job.inputParams,
      prompt: job.prompt,
      inputUrl: input?.url ?? null,
      outputUploadUrl: output.url,
      outputKey,
      previewUploadUrl: preview.url,
      previewKey,
      urlsExpireAt: output.expiresAt.toISOString(),
    };
  }
}
