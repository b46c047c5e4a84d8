import { describe, expect, it } from 'vitest';
import { verifyToolkit, type DetectedObject, type KitLine } from './toolkit-verdict';

const box: [number, number, number, number] = [0, 0, 10, 10];
const seen = (className: string, confidence = 0.9): DetectedObject => ({
  className,
  confidence,
  box,
});
const line = (toolId: string, detectorClass: string, quantity = 1): KitLine => ({
  toolId,
  name: `${detectorClass} ${toolId}`,
  detectorClass,
  quantity,
});

describe('verifyToolkit', () => {
  it('is complete when every item is found as often as expected', () => {
    const verdict = verifyToolkit(
      [seen('hammer'), seen('wrench'), seen('wrench')],
      [line('t1', 'hammer'), line('t2', 'wrench', 2)],
    );
    expect(verdict.complete).toBe(true);
    expect(verdict.missing).toEqual([]);
    expect(verdict.items.map((i) => [i.toolId, i.expected, i.found])).toEqual([
      ['t1', 1, 1],
      ['t2', 2, 2],
    ]);
    expect(verdict.detections.map((d) => d.toolId)).toEqual(['t1', 't2', 't2']);
  });

  it('lists missing quantities and classes the toolkit does not hold', () => {
    const verdict = verifyToolkit(
      [seen('hammer'), seen('flashlight'), seen('flashlight', 0.6)],
      [line('t1', 'hammer'), line('t2', 'pliers', 2)],
    );
    expect(verdict.complete).toBe(false);
    expect(verdict.missing).toEqual([{ toolId: 't2', name: 'pliers t2', missing: 2 }]);
    expect(verdict.unexpected).toEqual([{ class: 'flashlight', count: 2 }]);
    expect(verdict.detections.map((d) => d.toolId)).toEqual(['t1', null, null]);
  });

  it('fills tools sharing a class in toolkit order, most confident box first; surplus counts for the first', () => {
    const verdict = verifyToolkit(
      [seen('wrench', 0.5), seen('wrench', 0.95), seen('wrench', 0.7)],
      [line('small', 'wrench'), line('large', 'wrench')],
    );
    expect(verdict.detections.map((d) => d.toolId)).toEqual(['small', 'small', 'large']);
    expect(verdict.items.map((i) => i.found)).toEqual([2, 1]);
    expect(verdict.complete).toBe(true);
  });

  it('reports an empty photo as missing everything', () => {
    const verdict = verifyToolkit([], [line('t1', 'hammer', 3)]);
    expect(verdict.missing).toEqual([{ toolId: 't1', name: 'hammer t1', missing: 3 }]);
    expect(verdict.complete).toBe(false);
  });
});
