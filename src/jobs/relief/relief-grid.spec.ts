import { describe, expect, it } from 'vitest';
import { reliefGridFor } from './relief-grid';

describe('reliefGridFor', () => {
  it.each([
    [{ width: 1024, height: 768 }, 128, { columns: 128, rows: 96 }],
    [{ width: 768, height: 1024 }, 128, { columns: 96, rows: 128 }],
    [{ width: 500, height: 500 }, 64, { columns: 64, rows: 64 }],
    [{ width: 1000, height: 333 }, 16, { columns: 16, rows: 5 }],
    [{ width: 10_000, height: 3 }, 256, { columns: 256, rows: 1 }],
  ])('gives a %j image at resolution %i a %j grid', (image, resolution, grid) => {
    expect(reliefGridFor(image, resolution)).toEqual(grid);
  });
});
