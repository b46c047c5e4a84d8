import { ApiProperty } from '@nestjs/swagger';
import type { Artifact } from '../entities/artifact.entity';
import { ArtifactKind } from '../entities/artifact.entity';
import type { JobEvent } from '../entities/job-event.entity';
import { JobStatus } from '../entities/job-status';
import type { Job } from '../entities/job.entity';

export class ArtifactDto {
  id: string;
  @ApiProperty({ enum: ArtifactKind })
  kind: ArtifactKind;
  /** @example jobs/01a2.../01a3.../model.glb */
  object_name: string;
  /** @example model/gltf-binary */
  content_type: string;
  /** @example 183744 */
  @ApiProperty({ type: 'integer' })
  size: number;
  checksum: string | null;
}

export class JobDto {
  id: string;
  /** @example relief-v1 */
  model_id: string;
  owner_id: string;
  @ApiProperty({ enum: JobStatus, example: JobStatus.Queued })
  status: JobStatus;
  /** @example 60 */
  @ApiProperty({ type: 'integer' })
  progress_percent: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { image_path: 'uploads/…/chair.png', resolution: 128 },
  })
  input_params: Record<string, unknown>;
  prompt: string | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  artifacts: ArtifactDto[];

  static from(job: Job, artifacts: Artifact[] = []): JobDto {
    return Object.assign(new JobDto(), {
      id: job.id,
      model_id: job.model.id,
      owner_id: job.owner.id,
      status: job.status,
      progress_percent: job.progressPercent,
      input_params: job.inputParams,
      prompt: job.prompt,
      error: job.error,
      created_at: job.createdAt,
      started_at: job.startedAt,
      completed_at: job.completedAt,
      artifacts: artifacts.map((a) => ({
        id: a.id,
        kind: a.kind,
        object_name: a.objectKey,
        content_type: a.contentType,
        size: a.size,
        checksum: a.checksum,
      })),
    });
  }
}

export class JobEventDto {
  id: string;
  /** @example status */
  type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { status: 'RUNNING' } })
  payload: Record<string, unknown>;
  created_at: Date;

  static from(event: JobEvent): JobEventDto {
    return Object.assign(new JobEventDto(), {
      id: event.id,
      type: event.type,
      payload: event.payload,
      created_at: event.createdAt,
    });
  }
}

export class DownloadDto {
  /** Presigned GET of the output file. */
  download_url: string;
  /** @example 3600 */
  @ApiProperty({ type: 'integer' })
  expires_in: number;
}
