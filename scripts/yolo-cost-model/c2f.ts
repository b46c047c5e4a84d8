import type { YoloGraphWriter } from './yolo-graph-writer';

/**
 * Ultralytics `C2f(c1, c2, n, shortcut)`: cv1 (1x1) to 2c channels (c = c2 / 2), split in two, n Bottlenecks
 * chained on the last chunk, all 2 + n chunks concatenated, cv2 (1x1) to c2.
 */
export function c2f(
  w: YoloGraphWriter,
  input: string,
  c1: number,
  c2: number,
  n: number,
  shortcut: boolean,
  name: string,
): string {
  const c = Math.floor(c2 / 2);
  const halves = w.split(w.conv(input, c1, 2 * c, 1, 1, `${name}/cv1`), [c, c], 1, `${name}/Split`);
  const chunks = [...halves];
  for (let i = 0; i < n; i++) {
    chunks.push(bottleneck(w, chunks[chunks.length - 1], c, shortcut, `${name}/m.${i}`));
  }
  return w.conv(w.concat(chunks, 1, `${name}/Concat`), (2 + n) * c, c2, 1, 1, `${name}/cv2`);
}

/** Ultralytics `Bottleneck(c, c, shortcut, k=(3, 3), e=1.0)`: two 3x3 Convs, plus the input if `shortcut`. */
function bottleneck(
  w: YoloGraphWriter,
  input: string,
  c: number,
  shortcut: boolean,
  name: string,
): string {
  const out = w.conv(w.conv(input, c, c, 3, 1, `${name}/cv1`), c, c, 3, 1, `${name}/cv2`);
  return shortcut ? w.g.op('Add', [input, out], `${name}/Add`) : out;
}
