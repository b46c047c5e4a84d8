import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedDestination } from './root-logger';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('buffered log destination', () => {
  it('writes lines in blocks and flushes the rest on its timer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-dest-'));
    const fd = openSync(join(dir, 'out.log'), 'w');
    const stream = bufferedDestination({ fd, flushMs: 10 });
    try {
      stream.write('{"msg":"one"}\n');
      expect(readFileSync(join(dir, 'out.log'), 'utf8')).toBe('');
      await wait(100);
      expect(readFileSync(join(dir, 'out.log'), 'utf8')).toBe('{"msg":"one"}\n');
    } finally {
      stream.destroy(); // closes fd
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps no listeners from its flushes while a write is still under way', async () => {
    const stream = bufferedDestination({ fd: openSync('/dev/null', 'w'), flushMs: 2 });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // A write still under way at every flush tick, as when standard output is read slower than lines come (SonicBoom's
      // own flag, set by hand: a real blocked write would hold a libuv thread past the test).
      (stream as unknown as { _writing: boolean })._writing = true;
      stream.write('x'.repeat(8192));
      await wait(100);
      expect(stream.listenerCount('drain')).toBe(0);
      expect(stream.listenerCount('error')).toBeLessThanOrEqual(1);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      (stream as unknown as { _writing: boolean })._writing = false;
      stream.destroy();
    }
  });

  it('stops flushing quietly once the stream is closed', async () => {
    const stream = bufferedDestination({ fd: openSync('/dev/null', 'w'), flushMs: 2 });
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
    // Flush ticks after the close neither throw nor keep the process busy.
    await wait(20);
    expect(() => stream.flush()).toThrow(/destroyed/);
  });
});
