import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { LegacyHttpException } from '../../common/errors/legacy-http.exception';
import { RequestValidationException } from '../../common/errors/validation.exception';
import { legacyErrorOf } from './legacy-detail.filter';

describe('legacy realty errors', () => {
  it('turns validation errors into FastAPI 422 lists', () => {
    const error = legacyErrorOf(
      new RequestValidationException([
        { field: 'algoritmo', messages: ['algoritmo must be one of …'] },
      ]),
      'POST',
    );
    expect(error.getStatus()).toBe(422);
    expect(error.body).toEqual({
      detail: [
        { loc: ['body', 'algoritmo'], msg: 'algoritmo must be one of …', type: 'value_error' },
      ],
    });
    expect(
      legacyErrorOf(new RequestValidationException([{ field: 'limit', messages: ['x'] }]), 'GET')
        .body,
    ).toEqual({ detail: [{ loc: ['query', 'limit'], msg: 'x', type: 'value_error' }] });
  });

  it('names row and column of a bad row under dados', () => {
    const error = legacyErrorOf(
      new UnprocessableEntityException({
        message: 'row 3: target "preco" is missing',
        details: [{ field: 'rows.3.preco', messages: ['row 3: target "preco" is missing'] }],
      }),
      'POST',
    );
    expect(error.body).toEqual({
      detail: [
        {
          loc: ['body', 'dados', 3, 'preco'],
          msg: 'row 3: target "preco" is missing',
          type: 'value_error',
        },
      ],
    });
  });

  it('keeps other errors as {"detail": message} with their status, legacy bodies as they are', () => {
    const conflict = legacyErrorOf(new ConflictException('busy'), 'POST');
    expect([conflict.getStatus(), conflict.body]).toEqual([409, { detail: 'busy' }]);
    const own = new LegacyHttpException({ detail: 'Tarefa não encontrada' }, 404);
    expect(legacyErrorOf(own, 'GET')).toBe(own);
    const crash = legacyErrorOf(new Error('secret SQL'), 'GET');
    expect([crash.getStatus(), crash.body]).toEqual([500, { detail: 'Internal server error' }]);
  });
});
