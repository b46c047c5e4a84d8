import { IsOptional, IsString } from 'class-validator';
import { Type } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { createValidationPipe } from '../common/http/validation-pipe';
import { IsIntInRange, IsNumberInRange } from '../common/validation/validators';
import { ScoreRequestDto } from '../predictions/dto/score.dto';
import { compileAcceptedBodyCheck } from './accepted-body-check';

class Counts {
  @IsIntInRange(1, 10)
  n: number;

  @IsNumberInRange(-1, 1)
  x: number;
}

class Named {
  @IsString()
  name: string;
}

class Optional {
  @IsIntInRange(1, 10)
  @IsOptional()
  n?: number;
}

class Typed {
  @Type(() => Number)
  @IsIntInRange(1, 10)
  n: number;
}

const bodies: unknown[] = [
  { feature1: 71.5, feature2: 4.2, feature3: -1.8 },
  { feature1: -40, feature2: 0, feature3: 100 },
  { feature1: 200.0001, feature2: 4.2, feature3: -1.8 },
  { feature1: '71.5', feature2: 4.2, feature3: -1.8 },
  { feature1: 71.5, feature2: 4.2 },
  { feature1: 71.5, feature2: 4.2, feature3: -1.8, extra: 1 },
  { feature1: 71.5, feature2: 4.2, feature3: null },
  JSON.parse('{"feature1":1,"feature2":2,"__proto__":3}'),
  [71.5, 4.2, -1.8],
  null,
  'text',
  { n: 3, x: 0.5 },
  { n: 3.5, x: 0.5 },
  { n: 11, x: 0 },
  { n: 1, x: -1 },
];

describe('compiled check of accepted lean-route bodies', () => {
  const pipe = createValidationPipe();
  const viaPipe = async (dto: new () => object, body: unknown) =>
    pipe.transform(body, { type: 'body', metatype: dto }).then(
      (value: unknown) => ({ accepted: true, value }),
      () => ({ accepted: false, value: undefined }),
    );

  it.each([ScoreRequestDto, Counts])(
    'accepts exactly what the ValidationPipe accepts, with the same instance (%o)',
    async (dto) => {
      const check = compileAcceptedBodyCheck(dto);
      expect(check).not.toBeNull();
      for (const body of bodies) {
        const fast = check!(body);
        const slow = await viaPipe(dto, body);
        expect(fast !== null, JSON.stringify(body)).toBe(slow.accepted);
        if (fast) {
          expect(fast).toBeInstanceOf(dto);
          expect(fast).toEqual(slow.value);
        }
      }
    },
  );

  it('compiles nothing for rules it does not reproduce exactly', () => {
    expect(compileAcceptedBodyCheck(Named)).toBeNull();
    expect(compileAcceptedBodyCheck(Optional)).toBeNull();
    expect(compileAcceptedBodyCheck(Typed)).toBeNull();
  });
});
