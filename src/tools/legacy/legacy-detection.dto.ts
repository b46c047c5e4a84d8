import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { isFailure, type ImageAnalysis } from '../analysis/toolkit-analysis.service';
import type { CheckedImages } from '../detections.service';

export class LegacyDetectionDto {
  /** @example hammer */
  class_name: string;
  /** @example 0.91 */
  confidence: number;
  @ApiProperty({ type: [Number], example: [12, 40, 220, 130] })
  bbox: number[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The toolkit tool this box counts as',
  })
  tool_id: string | null;
}

/** One analysed image in the old service's shape. */
export class LegacyImageResultDto {
  /** @example kit.jpg */
  filename: string;
  /** The toolkit's number. @example 1 */
  @ApiProperty({ type: 'integer' })
  toolkit_id: number;
  detections: LegacyDetectionDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'Claw hammer 16 oz': 1 },
    description: 'Tool name → boxes found, for the toolkit tools that were found',
  })
  found: Record<string, number>;
  /** Names of toolkit tools found fewer times than expected. */
  @ApiProperty({ type: [String], example: ['Tape measure 5 m'] })
  missing: string[];
  /** Detected classes the toolkit holds no tool of. */
  @ApiProperty({ type: [String], example: ['flashlight'] })
  unexpected: string[];
  complete: boolean;
  /** @example /media/3f0c9a52-4c1e-4d7a-9a57-2b6f4f1f0e21.jpg */
  image_url: string;
  /** @example 38.2 */
  inference_ms: number;

  static from(analysis: ImageAnalysis, toolkitNumber: number): LegacyImageResultDto {
    return Object.assign(new LegacyImageResultDto(), {
      filename: analysis.filename,
      toolkit_id: toolkitNumber,
      detections: analysis.detections.map((d) => ({
        class_name: d.class,
        confidence: d.confidence,
        bbox: d.box,
        tool_id: d.toolId,
      })),
      found: Object.fromEntries(
        analysis.items.filter((i) => i.found > 0).map((i) => [i.name, i.found]),
      ),
      missing: analysis.missing.map((m) => m.name),
      unexpected: analysis.unexpected.map((u) => u.class),
      complete: analysis.complete,
      image_url: `/media/${analysis.annotatedImage}`,
      inference_ms: analysis.inferenceMs,
    });
  }
}

export class LegacyImageErrorDto {
  /** @example notes.txt */
  filename: string;
  /** @example Content is not a readable image */
  error: string;
}

@ApiExtraModels(LegacyImageResultDto, LegacyImageErrorDto)
export class LegacyBatchResultDto {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(LegacyImageResultDto) },
        { $ref: getSchemaPath(LegacyImageErrorDto) },
      ],
    },
  })
  results: (LegacyImageResultDto | LegacyImageErrorDto)[];

  static from({ outcomes, toolkit }: CheckedImages): LegacyBatchResultDto {
    return {
      results: outcomes.map((outcome) =>
        isFailure(outcome)
          ? { filename: outcome.filename, error: outcome.error }
          : LegacyImageResultDto.from(outcome, toolkit.number),
      ),
    };
  }
}
