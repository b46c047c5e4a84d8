import { ApiProperty } from '@nestjs/swagger';
import type { RealtyModelVersion } from '../entities/model-version.entity';
import { REALTY_ALGORITHMS } from '../training/regression-training';
import { MetricsDto } from '../training/training-run.dto';

export class FeatureSpecDto {
  /** @example TLA */
  name: string;
  @ApiProperty({ enum: ['numeric', 'categorical'] })
  kind: 'numeric' | 'categorical';
}

export class PriceModelVersionDto {
  @ApiProperty({ type: 'integer', example: 1 })
  version: number;
  /** Predictions use this version unless one is named. */
  active: boolean;
  @ApiProperty({ enum: REALTY_ALGORITHMS })
  algorithm: string;
  /** What every prediction row must hold. */
  features: FeatureSpecDto[];
  /** @example price */
  target: string;
  metrics: MetricsDto;
  runId: string;
  datasetId: string;
  @ApiProperty({ type: 'integer' })
  onnxBytes: number;
  createdAt: Date;
  activatedAt: Date | null;

  static from(version: RealtyModelVersion): PriceModelVersionDto {
    return Object.assign(new PriceModelVersionDto(), {
      version: version.version,
      active: version.active,
      algorithm: version.algorithm,
      features: version.features,
      target: version.target,
      metrics: version.metrics,
      runId: version.run.id,
      datasetId: version.dataset.id,
      onnxBytes: version.onnxBytes,
      createdAt: version.createdAt,
      activatedAt: version.activatedAt,
    });
  }
}
