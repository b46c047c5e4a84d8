/**
 * A dataset as the realty module holds it: typed columns (numeric or categorical) stored column by column, a
 * numeric target, and per-column statistics. Pure functions: raw rows in, a typed table or the first problems out.
 */
export type ColumnKind = 'numeric' | 'categorical';

export interface ColumnSchema {
  name: string;
  kind: ColumnKind;
}

export interface NumericStats {
  count: number;
  missing: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
}

export interface CategoryCount {
  value: string;
  count: number;
}

export interface CategoricalStats {
  count: number;
  missing: number;
  distinct: number;
  top: CategoryCount[];
}

export type ColumnStats = ColumnSchema & (NumericStats | CategoricalStats);

/** Values by column name: numbers for numeric columns, strings for categorical ones; null is missing. */
export type ColumnValues = Record<string, (number | string | null)[]>;

export interface DatasetTable {
  columns: ColumnSchema[];
  target: string;
  rowCount: number;
  values: ColumnValues;
}

/** A problem with the data as a whole (400) or in one cell (row index from 0, column). */
export class DatasetProblem extends Error {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'DatasetProblem';
  }
}

export type RawCell = string | number | boolean | null | undefined;
export type RawRow = Record<string, RawCell>;

export const MIN_DATASET_ROWS = 5;
const TOP_VALUES = 10;
const MISSING = new Set(['', 'na', 'nan', 'null', 'none', 'n/a']);
export const DEFAULT_TARGETS = ['price', 'preco'];

export const isMissing = (cell: RawCell): boolean =>
  cell === null ||
  cell === undefined ||
  (typeof cell === 'string' && MISSING.has(cell.trim().toLowerCase()));

/** A finite number from a JSON number or a numeric string; null otherwise. */
export const numberOf = (cell: RawCell): number | null => {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(cell))
    return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
};

/** The target the caller named, else `price` or `preco` when a column has that name. */
export function chooseTarget(columnNames: readonly string[], requested?: string): string {
  if (requested) {
    if (!columnNames.includes(requested))
      throw new DatasetProblem(
        `target column "${requested}" is not in the data (columns: ${columnNames.join(', ')})`,
      );
    return requested;
  }
  const found = DEFAULT_TARGETS.find((name) => columnNames.includes(name));
  if (!found)
    throw new DatasetProblem(
      `no target column: name one with "target" or include a "price" or "preco" column (columns: ${columnNames.join(', ')})`,
    );
  return found;
}

/**
 * Types every column from the rows: numeric when every present value is a number, otherwise categorical. The
 * target must be numeric and present in every row; a row's problem names its index and column.
 */
export function buildTable(rows: readonly RawRow[], requestedTarget?: string): DatasetTable {
  if (rows.length === 0) throw new DatasetProblem('the data has no rows');
  if (rows.length < MIN_DATASET_ROWS)
    throw new DatasetProblem(
      `the data needs at least ${MIN_DATASET_ROWS} rows, got ${rows.length}`,
    );
  rows.forEach((row, index) => {
    for (const [column, cell] of Object.entries(row))
      if (cell !== null && typeof cell === 'object')
        throw new DatasetProblem(
          `row ${index}: column "${column}" must be a number, a string or null`,
          index,
          column,
        );
  });
  const names = columnNamesOf(rows);
  const target = chooseTarget(names, requestedTarget);
  rows.forEach((row, index) => {
    const raw = row[target];
    if (isMissing(raw))
      throw new DatasetProblem(`row ${index}: target "${target}" is missing`, index, target);
    if (numberOf(raw) === null)
      throw new DatasetProblem(
        `row ${index}: target "${target}" must be a number, got ${JSON.stringify(raw)}`,
        index,
        target,
      );
  });
  const columns = names.map((name): ColumnSchema => ({ name, kind: kindOf(rows, name) }));
  const values: ColumnValues = {};
  for (const { name, kind } of columns)
    values[name] = rows.map((row) => cellValue(row[name], kind));
  return { columns, target, rowCount: rows.length, values };
}

function columnNamesOf(rows: readonly RawRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) names.add(name);
  const list = [...names];
  const bad = list.find((name) => name.trim() === '' || name.length > 64);
  if (bad !== undefined)
    throw new DatasetProblem(`column names must be 1-64 characters, got "${bad}"`);
  return list;
}

function kindOf(rows: readonly RawRow[], name: string): ColumnKind {
  let present = 0;
  for (const row of rows) {
    const cell = row[name];
    if (isMissing(cell)) continue;
    present += 1;
    if (numberOf(cell) === null) return 'categorical';
  }
  return present === 0 ? 'categorical' : 'numeric';
}

function cellValue(cell: RawCell, kind: ColumnKind): number | string | null {
  if (isMissing(cell)) return null;
  return kind === 'numeric' ? numberOf(cell) : String(cell).trim();
}

/** Count, missing and mean/std/min/max (numeric) or distinct and top values (categorical) of each column. */
export function columnStats(table: DatasetTable): ColumnStats[] {
  return table.columns.map((column) => {
    const cells = table.values[column.name];
    const present = cells.filter((v): v is number | string => v !== null);
    const base = { ...column, count: present.length, missing: cells.length - present.length };
    if (column.kind === 'numeric') return { ...base, ...numericSummary(present as number[]) };
    const counts = new Map<string, number>();
    for (const value of present as string[]) counts.set(value, (counts.get(value) ?? 0) + 1);
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_VALUES)
      .map(([value, count]) => ({ value, count }));
    return { ...base, distinct: counts.size, top };
  });
}

function numericSummary(values: number[]): Omit<NumericStats, 'count' | 'missing'> {
  if (values.length === 0) return { mean: null, std: null, min: null, max: null };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
  return { mean, std, min, max };
}
