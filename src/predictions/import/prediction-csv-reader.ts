import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { TaskFailure } from '../../tasks/task-failure';
import type { NewPrediction } from '../predictions.service';
import { headerProblems, parsePredictionRow, type RowError } from './prediction-csv';

/** One data row of an import file, validated: its value, or every problem in it. */
export interface ReadRow {
  /** Line in the file (the header is line 1). */
  line: number;
  /** Bytes of the file read so far, for progress. */
  bytes: number;
  value?: NewPrediction;
  errors: RowError[];
}

/**
 * Reads an import file row by row as it streams in, validating each row with the API's rules; only the current
 * row is held in memory. Throws `TaskFailure` when the file is not CSV, its header is unusable or it has no rows;
 * errors of the stream itself (storage unreachable) pass through unchanged.
 */
export async function* readPredictionCsv(body: Readable): AsyncGenerator<ReadRow> {
  const parser = body.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; bytes: number };
    }>) {
      if (rows === 0) {
        const problems = headerProblems(Object.keys(record));
        if (problems.length > 0)
          throw new TaskFailure(`The CSV header is not usable: ${problems.join('; ')}`, {
            problems,
          });
      }
      rows += 1;
      yield { line: info.lines, bytes: info.bytes, ...parsePredictionRow(record, info.lines) };
    }
  } catch (error) {
    // csv-parse's own errors (codes CSV_*) are the file's fault; a failing storage stream is worth a retry.
    const code = String((error as { code?: unknown }).code ?? '');
    if (error instanceof TaskFailure || !code.startsWith('CSV_')) throw error;
    throw new TaskFailure(`The file is not valid CSV: ${(error as Error).message}`, {
      imported: 0,
    });
  } finally {
    body.destroy();
    parser.destroy();
  }
  if (rows === 0) throw new TaskFailure('The CSV has no data rows', { imported: 0, rows: 0 });
}
