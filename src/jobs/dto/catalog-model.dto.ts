import { ApiProperty } from '@nestjs/swagger';
import { ModelKind, ModelRunner, type AiModel } from '../entities/ai-model.entity';

export class CatalogModelDto {
  /** @example relief-v1 */
  id: string;
  /** @example Relief mesh from an image (built-in, CPU) */
  name: string;
  @ApiProperty({ enum: ModelKind })
  kind: ModelKind;
  @ApiProperty({
    enum: ModelRunner,
    description: 'builtin: runs here; external: waits for an external GPU worker',
  })
  runner: ModelRunner;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { resolution: 128, depth: 0.1 },
  })
  default_params: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of input_params',
  })
  param_schema: Record<string, unknown>;

  static from(m: AiModel): CatalogModelDto {
    return Object.assign(new CatalogModelDto(), {
      id: m.id,
      name: m.name,
      kind: m.kind,
      runner: m.runner,
      default_params: m.defaultParams,
      param_schema: m.paramSchema,
    });
  }
}
