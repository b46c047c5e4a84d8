import 'reflect-metadata';
import { join } from 'node:path';
import { CommandFactory } from 'nest-commander';
import { cliErrorMessage } from './cli/cli-command';
import { CliModule } from './cli/cli.module';
import { AppConfig, ConfigValidationError, loadEnvironment } from './config';
import { useRunningLocalServers } from './local';

const HELP_WORDS = new Set(['-h', '--help', 'help']);

/** Admin CLI: `node dist/src/cli.js --help`. Help needs no configuration and no database. */
async function main(args: string[]): Promise<void> {
  const wantsHelp = args.length === 0 || args.some((arg) => HELP_WORDS.has(arg));
  let module = CliModule.forHelp();
  if (!wantsHelp) {
    const local = await useRunningLocalServers(join(process.cwd(), 'var', 'local'));
    if (local) process.stderr.write(`using ${local} of the running \`npm start\`\n`);
    module = CliModule.forConfig(new AppConfig(loadEnvironment(), 'cli'));
  }
  await CommandFactory.run(module, {
    logger: ['error', 'warn'],
    cliName: 'cli',
    // commander has already printed its own message (unknown command, missing option, help) to stderr/stdout.
    errorHandler: (error) => process.exit((error as Error & { exitCode?: number }).exitCode ?? 1),
    // Anything else that escapes commander, e.g. a rejected option value.
    serviceErrorHandler: (error) => fail(error),
  });
}

function fail(error: unknown): never {
  process.stderr.write(
    `${error instanceof ConfigValidationError ? error.message : `error: ${cliErrorMessage(error)}`}\n`,
  );
  process.exit(1);
}

main(process.argv.slice(2)).catch(fail);
