import type { ApiBodyOptions } from '@nestjs/swagger';
import type { ToolUploadField } from './tool-upload.interceptor';

const FILE = { type: 'string', format: 'binary' } as const;

/** The OpenAPI body of a detection upload: the file field(s) plus `toolkit_id` and `confidence`. */
export const uploadBody = (
  field: ToolUploadField,
  extra: Record<string, object> = {},
  extraRequired: string[] = [],
): ApiBodyOptions => ({
  schema: {
    type: 'object',
    required: [field, 'toolkit_id', ...extraRequired],
    properties: {
      [field]: field === 'images' ? { type: 'array', items: FILE } : FILE,
      toolkit_id: {
        type: 'string',
        description: "The toolkit's number (1, 2, …) or id",
        example: '1',
      },
      confidence: { type: 'number', minimum: 0, maximum: 1, default: 0.5 },
      ...extra,
    },
  },
});
