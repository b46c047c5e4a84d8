import { InferenceSession, Tensor } from 'onnxruntime-node';

/** Runs float32 rows through ONNX bytes with onnxruntime-node; returns one array per row. */
export async function runRows(
  bytes: Uint8Array,
  rows: readonly (readonly number[])[],
  names: { input?: string; output?: string } = {},
): Promise<number[][]> {
  const session = await InferenceSession.create(bytes);
  try {
    const width = rows[0].length;
    const data = Float32Array.from(rows.flat());
    const input = new Tensor('float32', data, [rows.length, width]);
    const result = await session.run({ [names.input ?? session.inputNames[0]]: input });
    const output = result[names.output ?? session.outputNames[0]];
    const values = Array.from(output.data as Float32Array);
    const perRow = values.length / rows.length;
    return rows.map((_, i) => values.slice(i * perRow, (i + 1) * perRow));
  } finally {
    await session.release();
  }
}

/** Largest absolute difference between two equally shaped row lists. */
export function maxAbsDiff(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number {
  if (a.length !== b.length) throw new Error(`row counts differ: ${a.length} vs ${b.length}`);
  let max = 0;
  a.forEach((row, i) => {
    if (row.length !== b[i].length) throw new Error(`row ${i} widths differ`);
    row.forEach((value, j) => {
      const diff = Math.abs(value - b[i][j]);
      max = Number.isNaN(diff) ? Infinity : Math.max(max, diff);
    });
  });
  return max;
}
