import { createHash } from 'node:crypto';
import { ColumnSpec, TabularTrainingData } from './regression-types';

/** A numeric column: float64 values, NaN where missing. */
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}

/** A categorical column: a code per row (-1 where missing) into `categories` (first-seen order). */
export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  codes: Int32Array;
  categories: string[];
}

export type FeatureColumn = NumericColumn | CategoricalColumn;

/**
 * Training data in columns of typed arrays: what the trainers read, and what crosses a worker-thread
 * boundary without copying (see `featureTableTransferList`).
 */
export interface FeatureTable {
  columns: FeatureColumn[];
  target: Float64Array;
}

export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}

function numericValue(value: unknown, row: number, column: ColumnSpec): number {
  if (value === null || value === undefined || value === '') return NaN;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) {
    throw new TrainingDataError(
      `row ${row}, column ${column.name}: ${JSON.stringify(value)} is not a number`,
    );
  }
  return number;
}

/** Converts raw rows into a `FeatureTable`, checking widths, numbers and the target. */
export function featureTableFromRows(data: TabularTrainingData): FeatureTable {
  const { columns, rows, target } = data;
  if (columns.length === 0) throw new TrainingDataError('at least one feature column is needed');
  if (rows.length !== target.length) {
    throw new TrainingDataError(`${rows.length} rows but ${target.length} target values`);
  }
  const n = rows.length;
  type Builder =
    | { spec: ColumnSpec; kind: 'numeric'; values: Float64Array }
    | { spec: ColumnSpec; kind: 'categorical'; codes: Int32Array; index: Map<string, number> };
  const builders = columns.map((spec): Builder =>
    spec.kind === 'numeric'
      ? { spec, kind: 'numeric', values: new Float64Array(n) }
      : { spec, kind: 'categorical', codes: new Int32Array(n), index: new Map() },
  );
  const targetValues = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (row.length !== columns.length) {
      throw new TrainingDataError(`row ${r}: ${row.length} values for ${columns.length} columns`);
    }
    const y = target[r];
    if (typeof y !== 'number' || !Number.isFinite(y)) {
      throw new TrainingDataError(`row ${r}: target ${JSON.stringify(y)} is not a number`);
    }
    targetValues[r] = y;
    for (let c = 0; c < columns.length; c++) {
      const builder = builders[c];
      const value = row[c];
      if (builder.kind === 'numeric') {
        builder.values[r] = numericValue(value, r, builder.spec);
      } else if (value === null || value === undefined || value === '') {
        builder.codes[r] = -1;
      } else {
        const key = String(value);
        let code = builder.index.get(key);
        if (code === undefined) {
          code = builder.index.size;
          builder.index.set(key, code);
        }
        builder.codes[r] = code;
      }
    }
  }
  return {
    target: targetValues,
    columns: builders.map((builder): FeatureColumn =>
      builder.kind === 'numeric'
        ? { name: builder.spec.name, kind: 'numeric', values: builder.values }
        : {
            name: builder.spec.name,
            kind: 'categorical',
            codes: builder.codes,
            categories: [...builder.index.keys()],
          },
    ),
  };
}

export function featureTableRowCount(table: FeatureTable): number {
  return table.target.length;
}

/** The buffers to pass as `transferList` to `postMessage` (each moved, not copied). */
export function featureTableTransferList(table: FeatureTable): ArrayBuffer[] {
  const buffers = table.columns.map((column) =>
    column.kind === 'numeric' ? column.values.buffer : column.codes.buffer,
  );
  return [...buffers, table.target.buffer] as ArrayBuffer[];
}

/**
 * sha256 (hex) of the training data: per column its name, kind and values (float64 little-endian,
 * NaN for missing; categories as UTF-8 strings, -1 code for missing), then the target. Rows and
 * `FeatureTable` give the same hash.
 */
export function hashFeatureTable(table: FeatureTable): string {
  const hash = createHash('sha256');
  for (const column of table.columns) {
    hash.update(`${column.kind}:${column.name}\n`);
    if (column.kind === 'numeric') {
      const canonical = Float64Array.from(column.values, (v) => (Number.isNaN(v) ? NaN : v));
      hash.update(new Uint8Array(canonical.buffer));
    } else {
      hash.update(JSON.stringify(Array.from(column.codes, (c) => column.categories[c] ?? null)));
    }
  }
  hash.update('target\n');
  hash.update(
    new Uint8Array(table.target.buffer, table.target.byteOffset, table.target.byteLength),
  );
  return hash.digest('hex');
}
