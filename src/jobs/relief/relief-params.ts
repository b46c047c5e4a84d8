import { InvalidReliefInputError } from './relief.errors';

/** Parameters of the built-in `relief-v1` image-to-3D model. */
export interface ReliefParams {
  /** Grid cells along the longer side of the image; the shorter side keeps the aspect ratio. */
  readonly resolution: number;
  /** Relief height as a fraction of the mesh width (the mesh is 1 unit wide). */
  readonly depth: number;
  /** Dark is high instead of light is high. */
  readonly invert: boolean;
  /** Box blur radius, in grid cells, applied to the luminance before it becomes height. */
  readonly smoothing: number;
}

export const DEFAULT_RELIEF_PARAMS: ReliefParams = {
  resolution: 128,
  depth: 0.1,
  invert: false,
  smoothing: 1,
};

/**
 * JSON Schema (draft-07, which ajv's default export compiles) of {@link ReliefParams}. Job input
 * is merged over {@link DEFAULT_RELIEF_PARAMS} before validation, hence every property is required.
 */
export const RELIEF_PARAM_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'relief-v1 parameters',
  type: 'object',
  additionalProperties: false,
  required: ['resolution', 'depth', 'invert', 'smoothing'],
  properties: {
    resolution: {
      type: 'integer',
      minimum: 16,
      maximum: 256,
      default: DEFAULT_RELIEF_PARAMS.resolution,
      description: 'Grid cells along the longer side of the image.',
    },
    depth: {
      type: 'number',
      minimum: 0.01,
      maximum: 0.5,
      default: DEFAULT_RELIEF_PARAMS.depth,
      description: 'Relief height as a fraction of the mesh width.',
    },
    invert: {
      type: 'boolean',
      default: DEFAULT_RELIEF_PARAMS.invert,
      description: 'Dark areas are high instead of light ones.',
    },
    smoothing: {
      type: 'integer',
      minimum: 0,
      maximum: 4,
      default: DEFAULT_RELIEF_PARAMS.smoothing,
      description: 'Box blur radius in grid cells.',
    },
  },
} as const;

/**
 * Checks parameters at run time against the ranges of {@link RELIEF_PARAM_SCHEMA}, so the model
 * never allocates a grid from an unchecked value even when a caller skipped schema validation.
 *
 * @throws InvalidReliefInputError naming the first offending parameter.
 */
export function assertReliefParams(params: ReliefParams): void {
  const { resolution, depth, smoothing } = RELIEF_PARAM_SCHEMA.properties;
  assertInRange('resolution', params.resolution, resolution.minimum, resolution.maximum, true);
  assertInRange('depth', params.depth, depth.minimum, depth.maximum, false);
  assertInRange('smoothing', params.smoothing, smoothing.minimum, smoothing.maximum, true);
  if (typeof params.invert !== 'boolean') {
    throw new InvalidReliefInputError(`invert must be true or false; got ${String(params.invert)}`);
  }
}

function assertInRange(
  name: string,
  value: unknown,
  minimum: number,
  maximum: number,
  integer: boolean,
): void {
  const valid =
    typeof value === 'number' &&
    (integer ? Number.isInteger(value) : Number.isFinite(value)) &&
    value >= minimum &&
    value <= maximum;
  if (!valid) {
    const kind = integer ? 'an integer' : 'a number';
    throw new InvalidReliefInputError(
      `${name} must be ${kind} from ${minimum} to ${maximum}; got ${String(value)}`,
    );
  }
}
