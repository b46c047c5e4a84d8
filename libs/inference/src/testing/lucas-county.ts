import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ColumnSpec, TabularTrainingData } from '../training/regression/regression-types';

const CSV = 'seeds/realty/lucas_county_house.csv';

/** seeds/realty/lucas_county_house.csv (CC0; origin in seeds/realty/README.md), from source or dist/. */
export const LUCAS_COUNTY_CSV =
  [resolve(__dirname, '../../../..', CSV), resolve(__dirname, '../../../../..', CSV)].find((path) =>
    existsSync(path),
  ) ?? resolve(CSV);

/** The benchmark's 8 numeric features (as the known scikit-learn figures use). */
export const LUCAS_NUMERIC_FEATURES = [
  'TLA',
  'yrbuilt',
  'beds',
  'baths',
  'lotsize',
  'garagesqft',
  'x',
  'y',
];

/**
 * The Lucas County house sales as training data: the named columns (numeric unless listed in
 * `categorical`) and the price in $1000s as target.
 */
export function loadLucasCounty(
  numeric: readonly string[] = LUCAS_NUMERIC_FEATURES,
  categorical: readonly string[] = [],
): TabularTrainingData {
  const records = parse(readFileSync(LUCAS_COUNTY_CSV), { columns: true }) as Record<
    string,
    string
  >[];
  const columns: ColumnSpec[] = [
    ...numeric.map((name): ColumnSpec => ({ name, kind: 'numeric' })),
    ...categorical.map((name): ColumnSpec => ({ name, kind: 'categorical' })),
  ];
  return {
    columns,
    rows: records.map((record) =>
      columns.map((column) =>
        column.kind === 'numeric' ? Number(record[column.name]) : record[column.name],
      ),
    ),
    target: records.map((record) => Number(record.price) / 1000),
  };
}
