import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyVerifier } from '../common/auth/principal';
import type { AppConfig } from '../config';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { SuperuserSeeder } from './superuser.seeder';

@Module({})
export class UsersModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: UsersModule,
      global: true,
      imports: [MikroOrmModule.forFeature([User, ApiKey])],
      controllers: config.servesHttpApi ? [UsersController, ApiKeysController] : [],
      providers: [
        UsersService,
        ApiKeysService,
        PasswordHasher,
        ApiKeyAuthenticator,
        SuperuserSeeder,
        { provide: ApiKeyVerifier, useExisting: ApiKeyAuthenticator },
      ],
      exports: [UsersService, ApiKeysService, ApiKeyVerifier],
    };
  }
}
