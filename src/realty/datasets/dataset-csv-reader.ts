import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { DatasetProblem, type RawRow } from './dataset-table';

/** More rows than the configured limit (answered 413). */
export class TooManyRowsProblem extends DatasetProblem {}

/**
 * Streams a CSV (header row first) into raw rows, stopping as soon as it passes `maxRows`. Cells stay strings;
 * typing happens in buildTable. Malformed CSV (unbalanced quotes, rows with a different number of fields) is a
 * DatasetProblem naming the line.
 */
export async function readDatasetCsv(input: Buffer | Readable, maxRows: number): Promise<RawRow[]> {
  const source = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const parser = source.pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
    }),
  );
  const rows: RawRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (rows.length >= maxRows)
        throw new TooManyRowsProblem(`the data has more than ${maxRows} rows (REALTY_MAX_ROWS)`);
      rows.push(record);
    }
  } catch (error) {
    if (error instanceof DatasetProblem) throw error;
    throw new DatasetProblem(`the file is not valid CSV: ${(error as Error).message}`);
  } finally {
    source.destroy();
    parser.destroy();
  }
  return rows;
}
