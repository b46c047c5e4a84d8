/** No `redis-server` executable was found, so the embedded mode cannot provide Redis. */
export class RedisServerNotFoundError extends Error {
  constructor(readonly searchedDirectories: readonly string[]) {
    super(
      [
        'REDIS_URL is not set and no `redis-server` executable was found on PATH.',
        'Install one, or point the app at an existing Redis:',
        '  Debian/Ubuntu: sudo apt-get install redis-server',
        '  macOS:         brew install redis',
        '  Docker:        docker run -d -p 127.0.0.1:6379:6379 redis:7.4.2-alpine   then set REDIS_URL=redis://localhost:6379',
      ].join('\n'),
    );
    this.name = 'RedisServerNotFoundError';
  }
}

/** Another live launcher already runs a server on this data directory. */
export class DataDirectoryInUseError extends Error {
  constructor(label: string, directory: string, serverPid: number, launcherPid: number) {
    super(
      `${label} data directory ${directory} is in use by server process ${serverPid}, ` +
        `started by process ${launcherPid} which is still running. Stop that process first ` +
        `(kill ${launcherPid}) or use another data directory.`,
    );
    this.name = 'DataDirectoryInUseError';
  }
}

/** A local server process could not be started; the message carries its last output lines. */
export class LocalServerStartError extends Error {
  constructor(message: string, output: string) {
    super(output === '' ? message : `${message}\nLast output:\n${output}`);
    this.name = 'LocalServerStartError';
  }
}
