import { basename } from 'node:path';
import { DataDirectoryInUseError } from './local-server.errors';
import { isProcessAlive, readProcessCommandLine, waitForProcessExit } from './process-probe';

/** What a data directory remembers about the server that last ran on it. */
export interface PreviousServer {
  /** Human name for messages, e.g. "PostgreSQL". */
  label: string;
  directory: string;
  /** Pid of the server process recorded on disk, if any. */
  serverPid: number | undefined;
  /** Pid of the launcher (node process) that started it, if recorded. */
  launcherPid: number | undefined;
  /** A word the server's command line contains, used to tell a reused pid from the server. */
  commandMarker: string;
  /** Signal that makes the server shut down cleanly (SIGINT = fast shutdown for PostgreSQL). */
  stopSignal: NodeJS.Signals;
}

/**
 * - `none`: nothing recorded;
 * - `stale`: the recorded pid is dead or now belongs to another program (the caller removes its pid file);
 * - `stopped-orphan`: the server outlived a crashed launcher and was shut down.
 */
export type PreviousServerOutcome = 'none' | 'stale' | 'stopped-orphan';

/** True when the recorded launcher (a node process) is still running. */
export function launcherStillRuns(launcherPid: number | undefined): launcherPid is number {
  if (launcherPid === undefined || !isProcessAlive(launcherPid)) return false;
  const commandLine = readProcessCommandLine(launcherPid);
  // A recycled pid that now runs something other than node is not our launcher.
  return commandLine === undefined || commandLine.includes(basename(process.execPath));
}

/**
 * Makes a data directory usable after an unclean end of the previous run, without ever
 * stopping a server whose launcher is still alive.
 */
export async function settlePreviousServer(
  previous: PreviousServer,
  stopTimeoutMs: number,
): Promise<PreviousServerOutcome> {
  const { serverPid } = previous;
  if (serverPid === undefined) return 'none';
  if (!isProcessAlive(serverPid)) return 'stale';
  const commandLine = readProcessCommandLine(serverPid);
  if (commandLine !== undefined && !commandLine.includes(previous.commandMarker)) return 'stale';

  if (launcherStillRuns(previous.launcherPid)) {
    throw new DataDirectoryInUseError(
      previous.label,
      previous.directory,
      serverPid,
      previous.launcherPid,
    );
  }
  process.kill(serverPid, previous.stopSignal);
  if (!(await waitForProcessExit(serverPid, stopTimeoutMs))) {
    throw new Error(
      `${previous.label} process ${serverPid} left over from an earlier run on ${previous.directory} ` +
        `did not stop within ${stopTimeoutMs} ms; stop it by hand (kill ${serverPid}).`,
    );
  }
  return 'stopped-orphan';
}
