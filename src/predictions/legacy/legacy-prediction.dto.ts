import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_SKIP } from '../../common/pagination/page-query.dto';
import { IsBinaryFlag, IsNumberInRange, IsPlainCode } from '../../common/validation/validators';
import { VEHICLE_FEATURES as F } from '../vehicle-features';
import type { Prediction } from '../entities/prediction.entity';
import { IsStorableDate } from '../../common/validation/postgres-ranges';

/** A prediction in the old service's JSON: capitalised names, Date as epoch seconds in a string. */
export class LegacyPredictionDto {
  @ApiProperty({ example: '01a20737-58be-7ee1-87e7-ecca9829b26b' })
  ID: string;
  @ApiProperty({ example: 'KNR-4711' })
  KNR: string;
  @ApiProperty({ description: 'Epoch seconds, as a string', example: '1795418400' })
  Date: string;
  @ApiProperty({ example: 71.5 })
  Feature1: number;
  @ApiProperty({ example: 4.2 })
  Feature2: number;
  @ApiProperty({ example: -1.8 })
  Feature3: number;
  @ApiProperty({ type: 'integer', example: 0 })
  Prediction_result: number;
  @ApiProperty({ nullable: true, example: null, type: 'integer' })
  Real_result: number | null;

  static from(p: Prediction): LegacyPredictionDto {
    return Object.assign(new LegacyPredictionDto(), {
      ID: p.id,
      KNR: p.knr,
      Date: String(Math.floor(p.date.getTime() / 1000)),
      Feature1: p.feature1,
      Feature2: p.feature2,
      Feature3: p.feature3,
      Prediction_result: p.predictionResult,
      Real_result: p.realResult,
    });
  }
}

const epochSecondsToDate = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)))
    return new Date(Number(value) * 1000);
  return typeof value === 'string' ? new Date(value) : value;
};

/** Body of the old `PUT /predictions/{ID}`: features, optionally results. */
export class LegacyPredictionUpdateDto {
  @ApiProperty({ required: false, example: 'KNR-4711' })
  @IsPlainCode()
  @IsOptional()
  KNR?: string;

  @ApiProperty({
    required: false,
    type: 'string',
    description: 'Epoch seconds (number or string) or ISO 8601',
    example: '1795418400',
  })
  @Transform(epochSecondsToDate)
  @IsStorableDate()
  @IsDate({ message: 'Date must be epoch seconds or an ISO 8601 date-time' })
  @IsOptional()
  Date?: Date;

  @ApiProperty({ required: false, example: 71.5 })
  @IsNumberInRange(F.feature1.min, F.feature1.max)
  @IsOptional()
  Feature1?: number;

  @ApiProperty({ required: false, example: 4.2 })
  @IsNumberInRange(F.feature2.min, F.feature2.max)
  @IsOptional()
  Feature2?: number;

  @ApiProperty({ required: false, example: -1.8 })
  @IsNumberInRange(F.feature3.min, F.feature3.max)
  @IsOptional()
  Feature3?: number;

  @ApiProperty({
    required: false,
    description: "Accepted for compatibility; the stored verdict is always the model's",
    example: 0,
  })
  @IsBinaryFlag()
  @IsOptional()
  Prediction_result?: number;

  @ApiProperty({ required: false, nullable: true, type: 'integer', example: 1 })
  @IsBinaryFlag({ nullable: true })
  @IsOptional()
  Real_result?: 0 | 1 | null;
}

export class LegacyMessageDto {
  @ApiProperty({ example: '10 records inserted successfully.' })
  message: string;
}

export class LegacyDetailDto {
  @ApiProperty({ example: 'Prediction not found' })
  detail: string;
}

export class LegacyModelHealthDto {
  @ApiProperty({ example: 'ok' })
  status: string;
  @ApiProperty({ description: 'Failure probability of a fixed probe vehicle', example: 0.1834 })
  prediction: number;
}

export class LegacyPageQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SKIP)
  @IsOptional()
  skip: number = 0;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  @IsOptional()
  limit: number = 10;
}
