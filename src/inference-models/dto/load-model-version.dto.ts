import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsVersionLabel } from '../../common/validation/validators';

export class LoadModelVersionDto {
  /** Version label. @example 1.1.0 */
  @IsVersionLabel()
  version: string;

  /** Object key of the ONNX file in the configured storage. @example models/vehicle-quality/01a2.../1.1.0.onnx */
  @IsString()
  @Length(1, 512)
  storageKey: string;

  /** Make it the active version once loaded (default false). */
  @IsBoolean()
  @IsOptional()
  activate?: boolean;
}
