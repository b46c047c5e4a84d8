import { ApiProperty } from '@nestjs/swagger';

export class TensorSignatureDto {
  /** @example input */
  name: string;
  /** @example float32 */
  elementType: string | null;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    example: ['batch', 3],
  })
  shape: (number | string)[];
}

export class InferenceStatsDto {
  /** Successful runs since the version was loaded. @example 1250 */
  @ApiProperty({ type: 'integer' })
  count: number;
  /** Failed runs since load. @example 0 */
  @ApiProperty({ type: 'integer' })
  errors: number;
  /** Recent runs the percentiles are computed from. @example 1024 */
  @ApiProperty({ type: 'integer' })
  samples: number;
  /** @example 0.021 */
  meanMs: number | null;
  /** @example 0.018 */
  p50Ms: number | null;
  /** @example 0.035 */
  p95Ms: number | null;
  /** @example 0.09 */
  p99Ms: number | null;
}

export class ModelVersionDto {
  /** @example 1.0.0 */
  version: string;
  active: boolean;
  inputs: TensorSignatureDto[];
  outputs: TensorSignatureDto[];
  /** Milliseconds to load and warm up. @example 12.4 */
  loadTimeMs: number;
  /** @example 2026-11-23T07:30:00.000Z */
  loadedAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { feature_names: 'feature1,feature2,feature3' },
  })
  metadata: Record<string, string>;
  microBatched: boolean;
  /** Runs in a worker thread of its own, so a run does not hold the event loop (INFERENCE_OWN_THREAD_MODELS). */
  ownThread: boolean;
  /** Runs in progress right now. */
  @ApiProperty({ type: 'integer' })
  inFlight: number;
  stats: InferenceStatsDto;
}

export class ModelDto {
  /** @example vehicle-quality */
  name: string;
  /** @example 1.0.0 */
  activeVersion: string | null;
  /** Readiness depends on this model. */
  required: boolean;
  versions: ModelVersionDto[];
}
