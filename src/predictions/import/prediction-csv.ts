import { validateSync } from 'class-validator';
import { CreatePredictionDto } from '../dto/create-prediction.dto';
import type { Prediction } from '../entities/prediction.entity';
import type { NewPrediction } from '../predictions.service';

/** Columns of an export, in order. An import reads the input columns and ignores the computed ones. */
export const EXPORT_COLUMNS = [
  'id',
  'knr',
  'date',
  'feature1',
  'feature2',
  'feature3',
  'prediction_result',
  'probability',
  'real_result',
  'model_version',
  'created_at',
] as const;
const REQUIRED_COLUMNS = ['knr', 'feature1', 'feature2', 'feature3'];
const INPUT_COLUMNS = new Set([...REQUIRED_COLUMNS, 'date', 'real_result']);
const IGNORED_COLUMNS = new Set<string>(EXPORT_COLUMNS.filter((c) => !INPUT_COLUMNS.has(c)));

export interface RowError {
  /** Line in the file (the header is line 1). */
  line: number;
  column: string;
  reason: string;
}

/** Problems with the header itself: missing required columns, unknown ones. Empty when it can be imported. */
export function headerProblems(columns: string[]): string[] {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !INPUT_COLUMNS.has(c) && !IGNORED_COLUMNS.has(c));
  return [
    ...(missing.length ? [`missing column(s): ${missing.join(', ')}`] : []),
    ...(unknown.length
      ? [
          `unknown column(s): ${unknown.join(', ')} (allowed: ${[...INPUT_COLUMNS, ...IGNORED_COLUMNS].join(', ')})`,
        ]
      : []),
  ];
}

const numberOrRaw = (raw: string | undefined): unknown =>
  raw === undefined || raw.trim() === '' ? undefined : Number(raw);

/** Validates one CSV record with the same rules as the API; returns the record or every problem in it. */
export function parsePredictionRow(
  record: Record<string, string>,
  line: number,
): { value?: NewPrediction; errors: RowError[] } {
  // What plainToInstance would build (the DTO's @Type(() => Date) is `new Date(value)`), without its cost per row.
  const candidate = Object.assign(new CreatePredictionDto(), {
    knr: record.knr ?? '',
    date: record.date?.trim() ? new Date(record.date) : undefined,
    feature1: numberOrRaw(record.feature1),
    feature2: numberOrRaw(record.feature2),
    feature3: numberOrRaw(record.feature3),
  });
  const errors: RowError[] = validateSync(candidate, { stopAtFirstError: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((reason) => ({ line, column: e.property, reason })),
  );
  const rawReal = record.real_result?.trim() ?? '';
  if (rawReal !== '' && rawReal !== '0' && rawReal !== '1') {
    errors.push({ line, column: 'real_result', reason: 'real_result must be 0, 1 or empty' });
  }
  if (errors.length > 0) return { errors };
  return { value: { ...candidate, realResult: rawReal === '' ? null : Number(rawReal) }, errors };
}

/** One exported record as CSV cells, in EXPORT_COLUMNS order. */
export function exportCells(p: Prediction): (string | number)[] {
  return [
    p.id,
    p.knr,
    p.date.toISOString(),
    p.feature1,
    p.feature2,
    p.feature3,
    p.predictionResult,
    p.probability,
    p.realResult ?? '',
    p.modelVersion,
    p.createdAt.toISOString(),
  ];
}
