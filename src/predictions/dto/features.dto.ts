import { IsNumberInRange } from '../../common/validation/validators';
import { VEHICLE_FEATURES as F } from '../vehicle-features';

/** The three model inputs; bounds and units are those of the vehicle-quality model card. */
export class FeaturesDto {
  /** Spindle temperature in °C (-40 to 200). @example 71.5 */
  @IsNumberInRange(F.feature1.min, F.feature1.max)
  feature1: number;

  /** Vibration RMS in mm/s (0 to 50). @example 4.2 */
  @IsNumberInRange(F.feature2.min, F.feature2.max)
  feature2: number;

  /** Torque deviation in % (-100 to 100). @example -1.8 */
  @IsNumberInRange(F.feature3.min, F.feature3.max)
  feature3: number;
}
