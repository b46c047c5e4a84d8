/**
 * A Markdown table with columns padded to equal width, the layout Prettier gives tables, so the generated card
 * passes `prettier --check` unchanged. Cells must be single-width characters (no CJK or emoji) and contain no `|`.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const width = (cell: string): number => [...cell].length;
  const widths = header.map((cell, column) =>
    Math.max(3, width(cell), ...rows.map((row) => width(row[column]))),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column] - width(cell))).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
