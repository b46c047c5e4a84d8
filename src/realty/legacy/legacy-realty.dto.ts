import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsIntInRange } from '../../common/validation/validators';
import { MAX_JSON_ROWS } from '../datasets/dataset.dto';
import type { RawRow } from '../datasets/dataset-table';
import { MAX_PREDICTION_ROWS } from '../predictions/price-prediction.dto';
import { REALTY_ALGORITHMS, type RealtyAlgorithm } from '../training/regression-training';

const EXAMPLE_HOUSE = { m2: 80, bairro: 'Centro', quartos: 2 };

export class LegacyTrainRequestDto {
  @ApiProperty({
    description: 'Rows of feature columns plus `preco`; null or absent: train on the demo dataset',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    nullable: true,
    required: false,
    example: [{ ...EXAMPLE_HOUSE, preco: 350000 }],
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_JSON_ROWS)
  @IsObject({ each: true })
  dados?: RawRow[] | null;

  @ApiProperty({ enum: REALTY_ALGORITHMS, default: 'gradient_boosting', required: false })
  @IsIn(REALTY_ALGORITHMS)
  @IsOptional()
  algoritmo: RealtyAlgorithm = 'gradient_boosting';

  @IsIntInRange(0, 2_147_483_647)
  @IsOptional()
  seed: number = 42;

  @IsBoolean()
  @IsOptional()
  assincrono: boolean = false;
}

export class LegacyPredictRequestDto {
  @ApiProperty({
    description: "Rows of the active model's feature columns",
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [EXAMPLE_HOUSE],
  })
  @IsArray()
  @ArrayMaxSize(MAX_PREDICTION_ROWS)
  @IsObject({ each: true })
  dados: Record<string, unknown>[];

  @IsBoolean()
  @IsOptional()
  assincrono: boolean = false;
}

export class LegacyTasksQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  @IsOptional()
  limit: number = 100;
}

export class LegacyMetricsDto {
  r2: number;
  mae: number;
  rmse: number;
}

export class LegacyModelDto {
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  versao: number;
  @ApiProperty({ enum: REALTY_ALGORITHMS })
  algoritmo: string;
  /** `dados` (rows sent to /treinar) or the dataset's name. @example lucas-county-house */
  origem: string;
  @ApiProperty({ type: 'integer' })
  n_linhas: number;
  features: string[];
  metricas: LegacyMetricsDto;
}

export class LegacyTrainedDto {
  @ApiProperty({ example: 'treinado' })
  status: string;
  modelo: LegacyModelDto;
}

export class LegacyTaskAcceptedDto {
  task_id: string;
  @ApiProperty({ example: 'PENDING' })
  status: string;
  @ApiProperty({ enum: ['treinar', 'prever'] })
  tipo: string;
}

export class LegacyPredictionsDto {
  @ApiProperty({ type: [Number] })
  previsoes: number[];
}

export const LEGACY_STATUSES = [
  'PENDING',
  'STARTED',
  'SUCCESS',
  'FAILURE',
  'RETRY',
  'REVOKED',
] as const;
export type LegacyStatus = (typeof LEGACY_STATUSES)[number];

export class LegacyTaskDto {
  task_id: string;
  @ApiProperty({ enum: LEGACY_STATUSES })
  status: LegacyStatus;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'treinar: {status, modelo}; prever: {previsoes}',
  })
  resultado?: unknown;
  @ApiProperty({ required: false })
  erro?: string;
}

export class LegacyTaskSummaryDto {
  task_id: string;
  @ApiProperty({ enum: ['treinar', 'prever'] })
  tipo: string;
  @ApiProperty({ enum: LEGACY_STATUSES })
  status: LegacyStatus;
  criado_em: Date;
}

export class LegacyTaskListDto {
  tarefas: LegacyTaskSummaryDto[];
}

export class LegacyRealtyStatusDto {
  @ApiProperty({ example: 'ok' })
  api: string;
  modelo_carregado: boolean;
  @ApiProperty({ type: LegacyModelDto, nullable: true })
  modelo: LegacyModelDto | null;
  @ApiProperty({ enum: ['ok', 'indisponivel'] })
  redis: string;
  /** Workers connected to the realty queue. */
  @ApiProperty({ type: 'integer' })
  celery_workers: number;
}

export class LegacyQueueDto {
  /** @example realty */
  nome: string;
  @ApiProperty({ type: 'integer' })
  workers: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { waiting: 0, active: 1, delayed: 0, prioritized: 2, completed: 10, failed: 0 },
  })
  contagens: Record<string, number>;
}

export class LegacyCeleryStatusDto {
  @ApiProperty({ enum: ['ok', 'indisponivel'] })
  broker: string;
  /** Workers connected to any queue. */
  @ApiProperty({ type: 'integer' })
  workers: number;
  filas: LegacyQueueDto[];
}
