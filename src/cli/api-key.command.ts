import { NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Command, Option, SubCommand } from 'nest-commander';
import { ApiKeysService } from '../users/api-keys.service';
import { UsersService } from '../users/users.service';
import { CliCommand, CliCommandGroup } from './cli-command';

@SubCommand({ name: 'create', description: 'Create an API key for a user; prints the key once' })
export class ApiKeyCreateCommand extends CliCommand {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  @Option({ flags: '-u, --user <username>', description: 'Owner (required)', required: true })
  parseUser(value: string): string {
    return value;
  }

  @Option({ flags: '-n, --name <label>', description: 'A label for the key (default "cli")' })
  parseName(value: string): string {
    return value;
  }

  @Option({
    flags: '--expires-in-days <days>',
    description: 'Days until it expires (default: never)',
  })
  parseExpiry(value: string): number {
    const days = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(days) || days < 1)
      throw new Error(
        `--expires-in-days must be a whole number of days, at least 1 (got '${value}')`,
      );
    return days;
  }

  protected async execute(
    _params: string[],
    options: { user: string; name?: string; expiresInDays?: number },
  ): Promise<void> {
    const owner = await this.users.findByUsername(options.user);
    if (!owner) throw new Error(`no user named ${options.user}`);
    const { apiKey, key } = await this.apiKeys.issue({
      ownerId: owner.id,
      name: options.name ?? 'cli',
      expiresInDays: options.expiresInDays,
    });
    this.print(`created API key ${apiKey.prefix}… (id ${apiKey.id}) for ${owner.username}`);
    this.print(key);
  }
}

@SubCommand({
  name: 'revoke',
  arguments: '<id-or-prefix>',
  description: 'Revoke an API key by id or display prefix',
})
export class ApiKeyRevokeCommand extends CliCommand {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  protected async execute([idOrPrefix]: string[]): Promise<void> {
    const noKey = `no API key with id or prefix ${idOrPrefix}`;
    if (!idOrPrefix.startsWith('mlp_') && !isUUID(idOrPrefix))
      throw new Error(`${noKey}: give the key's id (a UUID) or its display prefix (mlp_…)`);
    const apiKey = await this.apiKeys.revoke(idOrPrefix).catch((error: unknown) => {
      throw error instanceof NotFoundException ? new Error(noKey) : error;
    });
    this.print(`revoked API key ${apiKey.prefix}… (id ${apiKey.id})`);
  }
}

@Command({
  name: 'api-key',
  description: 'Manage API keys',
  subCommands: [ApiKeyCreateCommand, ApiKeyRevokeCommand],
})
export class ApiKeyCommand extends CliCommandGroup {}
