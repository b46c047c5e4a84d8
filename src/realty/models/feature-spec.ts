import { createHash } from 'node:crypto';

/** A feature a model version needs in every row. */
export interface FeatureSpec {
  name: string;
  kind: 'numeric' | 'categorical';
}

/** A row's value for one feature, checked: numbers for numeric features, strings for categorical ones. */
export type FeatureValue = number | string;

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Checks prediction rows against a model's features and returns them as values in feature order, or every
 * problem (row index from 0, column). Numeric features take numbers (or numeric strings); categorical ones take
 * strings (numbers are read as their text). Columns the model does not use are ignored.
 */
export function checkRows(
  rows: readonly Record<string, unknown>[],
  features: readonly FeatureSpec[],
): { values: FeatureValue[][]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const values = rows.map((row, index) =>
    features.map((feature): FeatureValue => {
      const problem = (message: string): FeatureValue => {
        problems.push({ row: index, column: feature.name, message });
        return feature.kind === 'numeric' ? 0 : '';
      };
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        return problem(`row ${index} must be an object`);
      const cell = row[feature.name];
      if (cell === undefined || cell === null)
        return problem(`row ${index}: feature "${feature.name}" is missing`);
      if (feature.kind === 'categorical') {
        if (typeof cell === 'string') return cell.trim();
        if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
        return problem(`row ${index}: feature "${feature.name}" must be a string`);
      }
      if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
      if (typeof cell === 'string' && NUMERIC_TEXT.test(cell)) return Number(cell);
      return problem(
        `row ${index}: feature "${feature.name}" must be a number, got ${JSON.stringify(cell)}`,
      );
    }),
  );
  return { values, problems };
}

/** A row's identity for the prediction cache: its feature values in the model's order. */
export const rowDigest = (values: readonly FeatureValue[]): string =>
  createHash('sha1').update(JSON.stringify(values)).digest('base64url');
