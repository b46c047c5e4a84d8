import { describe, expect, it } from 'vitest';
import { headerProblems, parsePredictionRow } from './prediction-csv';

describe('prediction CSV rows', () => {
  it('accepts a valid row, with or without date and real result', () => {
    const row = parsePredictionRow(
      { knr: 'K1', feature1: '70', feature2: '3.5', feature3: '-2', real_result: '1' },
      2,
    );
    expect(row.errors).toEqual([]);
    expect(row.value).toMatchObject({
      knr: 'K1',
      feature1: 70,
      feature2: 3.5,
      feature3: -2,
      realResult: 1,
    });
    const dated = parsePredictionRow(
      { knr: 'K2', date: '2026-01-02T03:04:05Z', feature1: '1', feature2: '1', feature3: '1' },
      3,
    );
    expect(dated.value?.date).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(dated.value?.realResult).toBeNull();
  });

  it('names line, column and reason of every problem', () => {
    const row = parsePredictionRow(
      { knr: 'bad knr!', feature1: 'hot', feature2: '999', feature3: '', real_result: '2' },
      7,
    );
    expect(row.value).toBeUndefined();
    const columns = row.errors.map((e) => e.column).sort();
    expect(columns).toEqual(['feature1', 'feature2', 'feature3', 'knr', 'real_result']);
    expect(row.errors.every((e) => e.line === 7)).toBe(true);
    expect(row.errors.find((e) => e.column === 'feature2')?.reason).toContain(
      'must not be greater than 50',
    );
  });

  it('refuses a date PostgreSQL cannot store, naming line and column', () => {
    const row = parsePredictionRow(
      { knr: 'K1', date: '-100000-01-01T00:00:00Z', feature1: '1', feature2: '1', feature3: '1' },
      9,
    );
    expect(row.value).toBeUndefined();
    expect(row.errors).toEqual([
      {
        line: 9,
        column: 'date',
        reason: 'date must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z',
      },
    ]);
  });

  it('checks the header: required columns present, nothing unknown, export columns tolerated', () => {
    expect(headerProblems(['knr', 'feature1', 'feature2', 'feature3'])).toEqual([]);
    expect(
      headerProblems([
        'id',
        'knr',
        'date',
        'feature1',
        'feature2',
        'feature3',
        'probability',
        'real_result',
      ]),
    ).toEqual([]);
    const problems = headerProblems(['knr', 'feature1', 'colour']);
    expect(problems[0]).toBe('missing column(s): feature2, feature3');
    expect(problems[1]).toContain('unknown column(s): colour');
  });
});
