import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ObjectStorage } from '../../storage/object-storage';
import type { ToolDetector } from '../detection';
import { AnnotatedImages } from './annotated-images';

const recipe = { photoSha256: 'ab'.repeat(32), detections: [], labels: [] };

/** A store whose writes end when the test says so. */
function storageWithPendingWrites() {
  const writes: Array<{ key: string; finish: (error?: Error) => void }> = [];
  const storage = {
    put: (key: string) =>
      new Promise<void>((resolve, reject) =>
        writes.push({ key, finish: (error) => (error ? reject(error) : resolve()) }),
      ),
  };
  return { storage: storage as unknown as ObjectStorage, writes };
}

describe('AnnotatedImages.register', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands out the name before the boxes are written, under the name', async () => {
    const { storage, writes } = storageWithPendingWrites();
    const images = new AnnotatedImages(storage, {} as ToolDetector);

    const { name, stored } = images.register(recipe);

    expect(name).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    expect(writes.map((write) => write.key)).toEqual([
      `tools/annotations/${name.replace('.jpg', '.json')}`,
    ]);
    writes[0].finish();
    expect(await stored).toBe(true);
  });

  it('logs a failed write with the name, as an error, and resolves false instead of rejecting', async () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { storage, writes } = storageWithPendingWrites();
    const { name, stored } = new AnnotatedImages(storage, {} as ToolDetector).register(recipe);

    writes[0].finish(new Error('disk full'));

    expect(await stored).toBe(false);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ media: name }),
      expect.stringContaining(name),
    );
  });

  it('waits at module destroy for every write in flight, also one registered meanwhile', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { storage, writes } = storageWithPendingWrites();
    const images = new AnnotatedImages(storage, {} as ToolDetector);
    images.register(recipe);
    let destroyed = false;
    const destroying = images.onModuleDestroy().then(() => (destroyed = true));

    images.register(recipe);
    writes[0].finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(destroyed).toBe(false);
    writes[1].finish(new Error('gone'));
    await destroying;
    expect(destroyed).toBe(true);
  });
});
