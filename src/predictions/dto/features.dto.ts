// Rules run bottom-up: the type check sits lowest so a non-number is reported as such, not as out of range.
import { IsNumber, Max, Min } from 'class-validator';
import { VEHICLE_FEATURES as F } from '../vehicle-features';

/** The three model inputs; bounds and units are those of the vehicle-quality model card. */
export class FeaturesDto {
  /** Spindle temperature in °C (-40 to 200). @example 71.5 */
  @Min(F.feature1.min)
  @Max(F.feature1.max)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  feature1: number;

  /** Vibration RMS in mm/s (0 to 50). @example 4.2 */
  @Min(F.feature2.min)
  @Max(F.feature2.max)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  feature2: number;

  /** Torque deviation in % (-100 to 100). @example -1.8 */
  @Min(F.feature3.min)
  @Max(F.feature3.max)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  feature3: number;
}
