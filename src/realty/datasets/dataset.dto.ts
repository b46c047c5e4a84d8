import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional } from 'class-validator';
import { IsPlainCode } from '../../common/validation/validators';
import type { RealtyDataset } from '../entities/realty-dataset.entity';
import type { RawRow } from './dataset-table';

/** Most rows a JSON upload may hold (CSV uploads are limited by REALTY_MAX_ROWS and REALTY_MAX_UPLOAD_BYTES). */
export const MAX_JSON_ROWS = 100_000;

/** Fields sent beside the CSV file of a multipart upload. */
export class DatasetUploadFieldsDto {
  /** Name shown in lists (default: the file name). @example lucas-county-2026 */
  @IsPlainCode(1, 100)
  @IsOptional()
  name?: string;

  /** The numeric column to predict (default `price` or `preco` when present). @example price */
  @IsPlainCode(1, 64)
  @IsOptional()
  target?: string;
}

export class CreateDatasetRowsDto extends DatasetUploadFieldsDto {
  @ApiProperty({
    description: 'Rows of the same columns: numbers, strings (categorical) or null (missing)',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [
      { m2: 80, bairro: 'Centro', quartos: 2, preco: 350000 },
      { m2: 120, bairro: 'Norte', quartos: 3, preco: 480000 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_JSON_ROWS)
  @IsObject({ each: true })
  rows: RawRow[];
}

export class CategoryCountDto {
  value: string;
  @ApiProperty({ type: 'integer' })
  count: number;
}

export class ColumnStatsDto {
  /** @example TLA */
  name: string;
  @ApiProperty({ enum: ['numeric', 'categorical'] })
  kind: 'numeric' | 'categorical';
  /** Rows with a value. */
  @ApiProperty({ type: 'integer' })
  count: number;
  @ApiProperty({ type: 'integer' })
  missing: number;
  @ApiProperty({ required: false, nullable: true, type: 'number' })
  mean?: number | null;
  @ApiProperty({ required: false, nullable: true, type: 'number' })
  std?: number | null;
  @ApiProperty({ required: false, nullable: true, type: 'number' })
  min?: number | null;
  @ApiProperty({ required: false, nullable: true, type: 'number' })
  max?: number | null;
  /** Distinct values (categorical columns). */
  @ApiProperty({ required: false, type: 'integer' })
  distinct?: number;
  /** The most frequent values, up to 10 (categorical columns). */
  @ApiProperty({ required: false, type: [CategoryCountDto] })
  top?: CategoryCountDto[];
}

export class DatasetDto {
  id: string;
  /** @example lucas-county-house */
  name: string;
  @ApiProperty({ enum: ['csv', 'json', 'demo', 'legacy'] })
  origin: string;
  /** @example price */
  target: string;
  @ApiProperty({ type: 'integer', example: 25357 })
  rowCount: number;
  /** Each column's kind and statistics; with `missing` this is the missing-value report. */
  columns: ColumnStatsDto[];
  /** Features a training run uses when it names none (null: every column except the target). */
  defaultFeatures: string[] | null;
  /** SHA-256 of the stored typed rows. */
  contentHash: string;
  createdAt: Date;

  static from(dataset: RealtyDataset): DatasetDto {
    return Object.assign(new DatasetDto(), {
      id: dataset.id,
      name: dataset.name,
      origin: dataset.origin,
      target: dataset.target,
      rowCount: dataset.rowCount,
      columns: dataset.columns,
      defaultFeatures: dataset.defaultFeatures,
      contentHash: dataset.contentHash,
      createdAt: dataset.createdAt,
    });
  }
}
