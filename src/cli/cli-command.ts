import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { Inject } from '@nestjs/common';
import { CommandRunner } from 'nest-commander';

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
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n`);
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
