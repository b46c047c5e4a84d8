import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ScoreRequestDto } from './dto/score.dto';
import { parseFeatures } from './feature-parser';

/** What the global ValidationPipe (whitelist, forbid unknown, stop at first error per field) reports for a body. */
const classValidatorProblems = (body: object) =>
  validateSync(plainToInstance(ScoreRequestDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  })
    .map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) }))
    .sort((a, b) => a.field.localeCompare(b.field));

const leanProblems = (body: object) => {
  const parsed = parseFeatures(body);
  return 'problems' in parsed
    ? [...parsed.problems].sort((a, b) => a.field.localeCompare(b.field))
    : [];
};

describe('parseFeatures agrees with ScoreRequestDto', () => {
  const bodies: object[] = [
    { feature1: 71.5, feature2: 4.2, feature3: -1.8 },
    { feature1: -40, feature2: 0, feature3: 100 },
    { feature1: 200.0001, feature2: 4, feature3: 0 },
    { feature1: 70, feature2: -0.1, feature3: -100.5 },
    { feature1: '70', feature2: null, feature3: Number.NaN },
    { feature2: 4, feature3: 0 },
    { feature1: 70, feature2: 4, feature3: 0, colour: 'red', extra: 1 },
    {},
  ];

  it.each(bodies.map((b) => [JSON.stringify(b), b]))('%s', (_name, body) => {
    expect(leanProblems(body as object)).toEqual(classValidatorProblems(body as object));
  });

  it('returns the row in feature order when valid', () => {
    expect(parseFeatures({ feature3: 3, feature1: 1, feature2: 2 })).toEqual({ value: [1, 2, 3] });
  });

  it('refuses a body that is not an object', () => {
    expect(parseFeatures([1, 2, 3])).toEqual({
      problems: [{ field: 'body', messages: ['the request body must be a JSON object'] }],
    });
  });
});
