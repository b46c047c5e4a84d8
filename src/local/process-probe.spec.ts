import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, readProcessCommandLine, waitForProcessExit } from './process-probe';

describe('process probe', () => {
  it('sees a running process, its command line, and its end', async () => {
    const child = spawn(process.execPath, [
      '-e',
      'setInterval(() => undefined, 1000)',
      'probe-marker',
    ]);
    const pid = child.pid!;
    expect(isProcessAlive(pid)).toBe(true);
    expect(readProcessCommandLine(pid)).toContain('probe-marker');
    child.kill('SIGTERM');
    expect(await waitForProcessExit(pid, 5_000)).toBe(true);
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('does not count an exited but unreaped child (zombie) as alive', async () => {
    // Nobody waits for this child's status while the event loop is busy, so it lingers as a zombie.
    const child = spawn('sh', ['-c', 'exit 0']);
    const pid = child.pid!;
    const deadline = Date.now() + 5_000;
    const state = (): string => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
      } catch {
        return '';
      }
    };
    while (Date.now() < deadline && state() !== 'Z') {
      // Busy wait: the exit is reaped only when the event loop runs again.
    }
    expect(state()).toBe('Z');
    expect(isProcessAlive(pid)).toBe(false);
    await new Promise((resolve) => child.once('exit', resolve));
  });

  it('rejects ids that cannot be processes', () => {
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-5)).toBe(false);
  });
});
