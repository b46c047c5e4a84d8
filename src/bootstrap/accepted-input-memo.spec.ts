import {
  IsOptional,
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { describe, expect, it } from 'vitest';
import { createValidationPipe } from '../common/http/validation-pipe';
import { PredictionQueryDto } from '../predictions/dto/prediction-query.dto';
import { DetectionFieldsDto } from '../tools/dto/detection.dto';
import { ACCEPTED_INPUT_MEMO_SIZE, AcceptedInputMemo } from './accepted-input-memo';

@ValidatorConstraint({ async: true })
class KnownName implements ValidatorConstraintInterface {
  validate(value: unknown): Promise<boolean> {
    return Promise.resolve(value === 'known');
  }
}

class LookedUp {
  @Validate(KnownName)
  name: string;
}

class Labelled {
  @IsString()
  label: string;

  @IsString()
  @IsOptional()
  note?: string;
}

const pipe = createValidationPipe();
const accept = (dto: new () => object, input: unknown, type: 'body' | 'query' = 'body') =>
  pipe.transform(input, { type, metatype: dto }) as Promise<object>;

/** A memo that has seen `input` accepted by the pipe once. */
const primed = async (dto: new () => object, input: unknown, type: 'body' | 'query' = 'body') => {
  const memo = AcceptedInputMemo.for(dto);
  if (!memo) throw new Error(`no memo for ${dto.name}`);
  memo.remember(input, await accept(dto, input, type));
  return memo;
};

describe('memo of accepted lean-route inputs', () => {
  it('answers a repeated input with a new instance equal to what the pipe gives', async () => {
    const fields = Object.assign(Object.create(null) as object, {
      toolkit_id: '1',
      confidence: '0.25',
    });
    const memo = await primed(DetectionFieldsDto, fields);
    const first = memo.recall({ toolkit_id: '1', confidence: '0.25' });
    const second = memo.recall(fields);
    expect(first).toBeInstanceOf(DetectionFieldsDto);
    expect(first).toEqual(await accept(DetectionFieldsDto, fields));
    expect(first).toEqual({ toolkit_id: '1', confidence: 0.25 });
    expect(second).not.toBe(first);
    expect(memo.recall({ toolkit_id: '1', confidence: '0.26' })).toBeNull();
    expect(memo.recall({ confidence: '0.25', toolkit_id: '1' })).toBeNull();
  });

  it('keeps defaults and optional fields the pipe set (query strings)', async () => {
    const memo = await primed(PredictionQueryDto, { limit: '10' }, 'query');
    expect(memo.recall({ limit: '10' })).toEqual(
      await accept(PredictionQueryDto, { limit: '10' }, 'query'),
    );
    const labelled = await primed(Labelled, { label: 'a' });
    const recalled = labelled.recall({ label: 'a' });
    expect(recalled).toEqual(await accept(Labelled, { label: 'a' }));
    expect(Object.keys(recalled ?? {})).toEqual(
      Object.keys(await accept(Labelled, { label: 'a' })),
    );
  });

  it('does not remember inputs that are not flat, or a text key too long', async () => {
    const memo = await primed(Labelled, { label: 'x'.repeat(600) });
    expect(memo.recall({ label: 'x'.repeat(600) })).toBeNull();
    memo.remember({ label: { nested: 1 } }, Object.assign(new Labelled(), { label: 'y' }));
    expect(memo.recall({ label: { nested: 1 } })).toBeNull();
    memo.remember(['a'], Object.assign(new Labelled(), { label: 'a' }));
    expect(memo.recall(['a'])).toBeNull();
  });

  it('does not remember an instance of another class or with object values', () => {
    const memo = AcceptedInputMemo.for(Labelled);
    memo?.remember({ label: 'a' }, { label: 'a' });
    memo?.remember({ label: 'b' }, Object.assign(new Labelled(), { label: new Date() }));
    expect(memo?.recall({ label: 'a' })).toBeNull();
    expect(memo?.recall({ label: 'b' })).toBeNull();
  });

  it('gives no memo for a DTO with an asynchronous rule', () => {
    expect(AcceptedInputMemo.for(LookedUp)).toBeNull();
    expect(AcceptedInputMemo.for(undefined)).toBeNull();
  });

  it('forgets the oldest input past its size', async () => {
    const memo = await primed(Labelled, { label: 'first' });
    for (let i = 0; i < ACCEPTED_INPUT_MEMO_SIZE - 1; i++)
      memo.remember({ label: `l${i}` }, await accept(Labelled, { label: `l${i}` }));
    expect(memo.recall({ label: 'first' })).not.toBeNull();
    memo.remember({ label: 'last' }, await accept(Labelled, { label: 'last' }));
    expect(memo.recall({ label: 'first' })).toBeNull();
    expect(memo.recall({ label: 'l0' })).not.toBeNull();
    expect(memo.recall({ label: 'last' })).not.toBeNull();
  });
});
