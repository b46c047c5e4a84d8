import type { OpenAPIObject } from '@nestjs/swagger';

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
};

/**
 * Canonical text of the document: keys sorted at every level (generation order varies with how often the
 * document was built in a process), 2-space JSON, trailing newline — so the committed file diffs cleanly.
 */
export const serializeOpenApi = (document: OpenAPIObject): string =>
  `${JSON.stringify(sortKeys(document), null, 2)}\n`;
