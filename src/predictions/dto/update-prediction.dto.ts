import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsNumber, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { VEHICLE_FEATURES as F } from '../vehicle-features';
import { IsStorableDate } from '../../common/validation/postgres-ranges';

/** Any subset: changed features are predicted again; `realResult` records (or, with null, clears) the inspection. */
export class UpdatePredictionDto {
  /** @example KNR-4711 */
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'knr must be 1-64 letters, digits, dot, dash or underscore',
  })
  @IsOptional()
  knr?: string;

  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'date must be an ISO 8601 date-time' })
  @IsOptional()
  date?: Date;

  /** Spindle temperature in °C. */
  @Min(F.feature1.min)
  @Max(F.feature1.max)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsOptional()
  feature1?: number;

  /** Vibration RMS in mm/s. */
  @Min(F.feature2.min)
  @Max(F.feature2.max)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsOptional()
  feature2?: number;

  /** Torque deviation in %. */
  @Min(F.feature3.min)
  @Max(F.feature3.max)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsOptional()
  feature3?: number;

  /** Real inspection result: 1 failed, 0 passed, null unknown. @example 1 */
  @ValidateIf((_, value) => value !== null)
  @IsIn([0, 1], { message: 'realResult must be 0, 1 or null' })
  @IsOptional()
  @ApiProperty({ type: 'integer' })
  realResult?: 0 | 1 | null;
}
