import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { IsNumberInRange } from '../../common/validation/validators';
import {
  isFailure,
  type ImageAnalysis,
  type ImageFailure,
} from '../analysis/toolkit-analysis.service';
import type { ToolkitSnapshot } from '../analysis/toolkit-snapshot';
import type { CheckedImages } from '../detections.service';
import { AnnotatedImages } from '../media/annotated-images';

/** `toolkit_id`: the toolkit's short number (`1`) or its id (a UUID). */
export const TOOLKIT_REFERENCE_PATTERN =
  /^(\d{1,9}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/** Multipart text fields arrive as strings: a decimal number becomes a number, anything else stays to be refused. */
const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)
    ? Number(value)
    : value;

/** The text fields of every detection upload. */
export class DetectionFieldsDto {
  /** The toolkit to check against: its number or its id. @example 1 */
  @Matches(TOOLKIT_REFERENCE_PATTERN, {
    message: 'toolkit_id must be a toolkit number (1, 2, …) or a toolkit id (UUID)',
  })
  @ApiProperty({ pattern: TOOLKIT_REFERENCE_PATTERN.source, example: '1' })
  toolkit_id: string;

  /** Confidence floor 0..1; classes with a higher threshold in the model's thresholds file keep theirs. */
  @Transform(toNumber)
  @IsNumberInRange(0, 1)
  @IsOptional()
  confidence: number = 0.5;
}

export class DetectionDto {
  /** Detector class. @example hammer */
  class: string;
  /** The toolkit's tool this box counts as; null when the toolkit holds no tool of this class. */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  toolId: string | null;
  /** @example 0.91 */
  confidence: number;
  /** [x1, y1, x2, y2] in pixels of the uploaded image. */
  @ApiProperty({ type: [Number], minItems: 4, maxItems: 4, example: [12, 40, 220, 130] })
  box: number[];
}

export class ToolCountDto {
  toolId: string;
  /** @example Claw hammer 16 oz */
  name: string;
  @ApiProperty({ type: 'integer', example: 1 })
  count: number;
}

export class ExpectedItemDto {
  toolId: string;
  name: string;
  @ApiProperty({ type: 'integer', example: 1 })
  expected: number;
  @ApiProperty({ type: 'integer', example: 1 })
  found: number;
}

export class MissingItemDto {
  toolId: string;
  name: string;
  @ApiProperty({ type: 'integer', example: 1 })
  missing: number;
}

export class UnexpectedClassDto {
  /** @example flashlight */
  class: string;
  @ApiProperty({ type: 'integer', example: 1 })
  count: number;
}

export class ImageAnalysisDto {
  /** The uploaded file's name (or the ZIP entry's). @example kit.jpg */
  filename: string;
  toolkitId: string;
  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  toolkitNumber: number;
  detections: DetectionDto[];
  /** Boxes per toolkit tool that was found. */
  counts: ToolCountDto[];
  /** Expected vs found for every toolkit item. */
  items: ExpectedItemDto[];
  missing: MissingItemDto[];
  /** Detected classes the toolkit holds no tool of. */
  unexpected: UnexpectedClassDto[];
  /** Every item found at least as often as expected. */
  complete: boolean;
  /** The photo with boxes and labels (JPEG); opens without an API key. */
  @ApiProperty({ example: '/api/v1/media/3f0c9a52-4c1e-4d7a-9a57-2b6f4f1f0e21.jpg' })
  annotatedImageUrl: string;
  /** Model run time in milliseconds (of the original run when cached). @example 38.2 */
  inferenceMs: number;
  /** Answered from the cache. */
  cached: boolean;
  /** @example 1.0.0 */
  modelVersion: string;

  static from(analysis: ImageAnalysis, toolkit: ToolkitSnapshot): ImageAnalysisDto {
    return Object.assign(new ImageAnalysisDto(), {
      filename: analysis.filename,
      toolkitId: toolkit.id,
      toolkitNumber: toolkit.number,
      detections: analysis.detections,
      counts: analysis.items
        .filter((item) => item.found > 0)
        .map((item) => ({ toolId: item.toolId, name: item.name, count: item.found })),
      items: analysis.items,
      missing: analysis.missing,
      unexpected: analysis.unexpected,
      complete: analysis.complete,
      annotatedImageUrl: AnnotatedImages.urlOf(analysis.annotatedImage),
      inferenceMs: analysis.inferenceMs,
      cached: analysis.cached,
      modelVersion: analysis.modelVersion,
    });
  }
}

/** An image of a batch or ZIP that could not be analysed. */
export class ImageErrorDto {
  /** @example notes.txt */
  filename: string;
  /** @example Content is not a readable image */
  error: string;
}

@ApiExtraModels(ImageAnalysisDto, ImageErrorDto)
export class DetectionBatchDto {
  /** One entry per file, in upload (or archive) order. */
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(ImageAnalysisDto) }, { $ref: getSchemaPath(ImageErrorDto) }],
    },
  })
  results: (ImageAnalysisDto | ImageErrorDto)[];

  static from({ outcomes, toolkit }: CheckedImages): DetectionBatchDto {
    return Object.assign(new DetectionBatchDto(), {
      results: outcomes.map((outcome) =>
        isFailure(outcome) ? errorEntry(outcome) : ImageAnalysisDto.from(outcome, toolkit),
      ),
    });
  }
}

const errorEntry = (failure: ImageFailure): ImageErrorDto =>
  Object.assign(new ImageErrorDto(), { filename: failure.filename, error: failure.error });
