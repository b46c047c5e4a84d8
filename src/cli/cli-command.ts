import { CreateRequestContext, DriverException, MikroORM } from '@mikro-orm/core';
import { Inject } from '@nestjs/common';
import { CommandRunner } from 'nest-commander';

/** The database's own words without the SQL statement MikroORM puts in front of them. */
const withoutSql = (error: DriverException): string => {
  const [, ...reason] = error.message.split(' - ');
  return `database error: ${reason.length > 0 ? reason.join(' - ') : error.message}`;
};

/** One line for the operator: no stack, no SQL. */
export const cliErrorMessage = (error: unknown): string => {
  if (error instanceof DriverException) return withoutSql(error).split('\n')[0];
  return error instanceof Error ? error.message : String(error);
};

/**
 * Base of every CLI command: runs `execute` in its own MikroORM context and turns any failure into one
 * `error: …` line on stderr and a non-zero exit code.
 */
export abstract class CliCommand extends CommandRunner {
  @Inject(MikroORM) protected readonly orm: MikroORM;

  protected abstract execute(params: string[], options: Record<string, unknown>): Promise<void>;

  async run(params: string[], options: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.inContext(params, options);
    } catch (error) {
      process.stderr.write(`error: ${cliErrorMessage(error)}\n`);
      process.exitCode = 1;
    }
  }

  @CreateRequestContext()
  private async inContext(params: string[], options: Record<string, unknown>): Promise<void> {
    await this.execute(params, options);
  }

  protected print(line: string): void {
    process.stdout.write(`${line}\n`);
  }
}

/**
 * A command that only groups subcommands (`migrate`, `user`, `api-key`): alone it prints its help; followed by
 * a word that is not one of its subcommands it fails like any unknown command.
 */
export abstract class CliCommandGroup extends CliCommand {
  protected async execute([word]: string[]): Promise<void> {
    if (word === undefined) {
      this.command.outputHelp();
      return;
    }
    throw new Error(
      `unknown command '${this.command.name()} ${word}' (see '${this.command.name()} --help')`,
    );
  }
}
