import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { AppConfig, ConfigValidationError, loadEnvironment } from './config';

/** Admin CLI: `node dist/src/cli.js --help`. */
async function main(): Promise<void> {
  const config = new AppConfig(loadEnvironment(), 'cli');
  await CommandFactory.run(CliModule.forConfig(config), {
    logger: ['error', 'warn'],
    cliName: 'cli',
    // commander has already printed its own message (unknown command, missing option, help) to stderr/stdout.
    errorHandler: (error) => process.exit((error as Error & { exitCode?: number }).exitCode ?? 1),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigValidationError ? error.message : `error: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
