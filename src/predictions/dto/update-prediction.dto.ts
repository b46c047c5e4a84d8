import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';
import { IsBinaryFlag, IsNumberInRange, IsPlainCode } from '../../common/validation/validators';
import { VEHICLE_FEATURES as F } from '../vehicle-features';
import { IsStorableDate } from '../../common/validation/postgres-ranges';

/** Any subset: changed features are predicted again; `realResult` records (or, with null, clears) the inspection. */
export class UpdatePredictionDto {
  /** @example KNR-4711 */
  @IsPlainCode()
  @IsOptional()
  knr?: string;

  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'date must be an ISO 8601 date-time' })
  @IsOptional()
  date?: Date;

  /** Spindle temperature in °C. */
  @IsNumberInRange(F.feature1.min, F.feature1.max)
  @IsOptional()
  feature1?: number;

  /** Vibration RMS in mm/s. */
  @IsNumberInRange(F.feature2.min, F.feature2.max)
  @IsOptional()
  feature2?: number;

  /** Torque deviation in %. */
  @IsNumberInRange(F.feature3.min, F.feature3.max)
  @IsOptional()
  feature3?: number;

  /** Real inspection result: 1 failed, 0 passed, null unknown. @example 1 */
  @IsBinaryFlag({ nullable: true })
  @IsOptional()
  @ApiProperty({ type: 'integer' })
  realResult?: 0 | 1 | null;
}
