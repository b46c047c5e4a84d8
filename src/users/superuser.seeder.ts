import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { UserRole } from '../common/auth/user-role';
import { AppConfig } from '../config';
import { SeedStep, type SeedReport, type Seeder } from '../seeding/seed-step.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKey } from './entities/api-key.entity';
import { UsersService } from './users.service';

const KEY_NAME = 'superuser (FIRST_SUPERUSER_API_KEY)';

/** The admin from FIRST_SUPERUSER_*: created, or brought back in line with the configured password and key. */
@SeedStep({
  name: 'admin',
  order: 0,
  description: 'Superuser from FIRST_SUPERUSER_USERNAME/PASSWORD/API_KEY',
  demo: false,
})
@Injectable()
export class SuperuserSeeder implements Seeder {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly em: EntityManager,
  ) {}

  async run(): Promise<SeedReport> {
    const { username, email, password, apiKey } = this.config.superuser;
    const { user, created, changed } = await this.users.upsert({
      username,
      email,
      password,
      role: UserRole.Admin,
    });
    let updated = !created && changed ? 1 : 0;
    const notes: string[] = [];

    if (apiKey) {
      if ((await this.apiKeys.ensureKey(user.id, apiKey, KEY_NAME)) && !created) updated = 1;
    } else if ((await this.em.count(ApiKey, { owner: user.id, revokedAt: null })) === 0) {
      const issued = await this.apiKeys.issue({ ownerId: user.id, name: 'superuser (generated)' });
      notes.push(`generated an API key for ${username} (shown once): ${issued.key}`);
    }
    return { created: created ? 1 : 0, updated, notes };
  }
}
