import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryInUseError } from './local-server.errors';
import { PreviousServer, settlePreviousServer } from './previous-server-guard';
import { isProcessAlive, waitForProcessExit } from './process-probe';

const MARKER = 'fake-server-for-guard-spec';
const children: ChildProcess[] = [];

function startProcess(...args: string[]): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)', ...args]);
  children.push(child);
  if (child.pid === undefined) throw new Error('spawn failed');
  return child.pid;
}

function deadPid(): number {
  const finished = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(finished.stdout.toString());
}

function previous(serverPid: number | undefined, launcherPid: number | undefined): PreviousServer {
  return {
    label: 'Fake',
    directory: '/data/fake',
    serverPid,
    launcherPid,
    commandMarker: MARKER,
    stopSignal: 'SIGTERM',
  };
}

describe('settlePreviousServer', () => {
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('has nothing to do when no server pid was recorded', async () => {
    await expect(settlePreviousServer(previous(undefined, undefined), 1_000)).resolves.toBe('none');
  });

  it('reports a pid that no longer runs as stale', async () => {
    await expect(settlePreviousServer(previous(deadPid(), deadPid()), 1_000)).resolves.toBe(
      'stale',
    );
  });

  it('leaves alone a live process that is not the server (a recycled pid)', async () => {
    const pid = startProcess('something-else');
    await expect(settlePreviousServer(previous(pid, deadPid()), 1_000)).resolves.toBe('stale');
    expect(isProcessAlive(pid)).toBe(true);
  });

  it('stops a server whose launcher is gone', async () => {
    const pid = startProcess(MARKER);
    await expect(settlePreviousServer(previous(pid, deadPid()), 10_000)).resolves.toBe(
      'stopped-orphan',
    );
    expect(await waitForProcessExit(pid, 5_000)).toBe(true);
  });

  it('refuses to touch a server whose launcher still runs', async () => {
    const pid = startProcess(MARKER);
    const outcome = settlePreviousServer(previous(pid, process.pid), 1_000);
    await expect(outcome).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await expect(outcome).rejects.toThrow(`kill ${process.pid}`);
    expect(isProcessAlive(pid)).toBe(true);
  });
});
