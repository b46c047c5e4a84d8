import type { YoloGraphWriter } from './yolo-graph-writer';

/**
 * Ultralytics `SPPF(c1, c2, k)`: cv1 (1x1) to c1 / 2, three chained MaxPools (k, stride 1, same size), the four
 * maps concatenated, cv2 (1x1) to c2.
 */
export function sppf(
  w: YoloGraphWriter,
  input: string,
  c1: number,
  c2: number,
  k: number,
  name: string,
): string {
  const c = Math.floor(c1 / 2);
  const maps = [w.conv(input, c1, c, 1, 1, `${name}/cv1`)];
  for (let i = 0; i < 3; i++) maps.push(w.maxPool(maps[i], k, `${name}/m_${i}`));
  return w.conv(w.concat(maps, 1, `${name}/Concat`), 4 * c, c2, 1, 1, `${name}/cv2`);
}
