import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

export class LoadModelVersionDto {
  /** Version label. @example 1.1.0 */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, {
    message: 'version must be 1-64 letters, digits, . _ + -',
  })
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
