import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsIntInRange, IsRecordId } from '../../common/validation/validators';
import { TaskStatus } from '../../tasks/entities/task-status';
import { REALTY_ALGORITHMS, type RealtyAlgorithm } from './regression-training';

export class CreateTrainingRunDto {
  /** The dataset to train on (default: the demo dataset). */
  @IsRecordId()
  @IsOptional()
  datasetId?: string;

  @ApiProperty({ enum: REALTY_ALGORITHMS, default: 'gradient_boosting', required: false })
  @IsIn(REALTY_ALGORITHMS)
  @IsOptional()
  algorithm: RealtyAlgorithm = 'gradient_boosting';

  /** Seeds the train/holdout split and the trees. */
  @IsIntInRange(0, 2_147_483_647)
  @IsOptional()
  seed: number = 42;

  /** Feature columns (default: the dataset's default features, else every column but the target). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @IsOptional()
  features?: string[];

  /** Algorithm parameters (see README: training engine), e.g. `{"nEstimators": 200}`. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsObject()
  @IsOptional()
  params?: Record<string, unknown>;

  /** false: wait for the run (up to REALTY_SYNC_WAIT_MS) and answer with its result. */
  @IsBoolean()
  @IsOptional()
  async: boolean = true;
}

export class MetricsDto {
  @ApiProperty({ example: 0.89 })
  r2: number;
  @ApiProperty({ example: 17.3 })
  mae: number;
  @ApiProperty({ example: 26.1 })
  rmse: number;
}

export class TrainingRunDto {
  id: string;
  /** Its background task (`GET /api/v1/tasks/{taskId}`). */
  taskId: string;
  @ApiProperty({ enum: TaskStatus })
  status: TaskStatus;
  /** 0-100 @example 40 */
  @ApiProperty({ type: 'integer' })
  progress: number;
  error: string | null;
  datasetId: string;
  @ApiProperty({ enum: REALTY_ALGORITHMS })
  algorithm: string;
  @ApiProperty({ type: 'integer' })
  seed: number;
  features: string[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  params: Record<string, unknown>;
  /** SHA-256 of the feature and target values trained on. */
  dataHash: string | null;
  /** R², MAE, RMSE on the holdout rows. */
  metrics: MetricsDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'Importance of each feature (sums to 1)',
  })
  featureImportance: Record<string, number> | null;
  @ApiProperty({ type: 'integer', nullable: true })
  durationMs: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  trainRows: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  holdoutRows: number | null;
  /** The model version this run stored. */
  @ApiProperty({ type: 'integer', nullable: true })
  modelVersion: number | null;
  /** Predicted vs actual and feature importance (PNG), a presigned URL valid for STORAGE_URL_EXPIRES_SECONDS. */
  chartUrl: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}
