import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  Post,
  Scope,
  UseGuards,
  type Type,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { Auth, Public } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { LeanRoute } from '../common/http/lean-route';
import { discoverLeanRoutes } from './lean-route-table';

class ItemDto {
  name: string;
}

@Injectable({ scope: Scope.REQUEST })
class PerRequest {}

@Injectable()
class Singleton {}

const discover = async (controller: Type, providers: Type[] = []) => {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers: [controller],
    providers,
  }).compile();
  const app = module.createNestApplication({ logger: false });
  try {
    return discoverLeanRoutes(app);
  } finally {
    await app.close();
  }
};

describe('discoverLeanRoutes', () => {
  it("reads path, method, roles and status from the method's own decorators", async () => {
    @Controller('/api/v1/items/')
    class ItemsController {
      constructor(readonly singleton: Singleton) {}

      @Post('check')
      @HttpCode(200)
      @Auth(UserRole.Admin, UserRole.Operator)
      @LeanRoute()
      check(@Body() body: ItemDto) {
        return { name: body.name, seen: this.singleton instanceof Singleton };
      }

      @Get()
      @Public()
      @LeanRoute()
      list() {
        return [];
      }

      @Get('not-lean')
      other() {
        return null;
      }
    }
    const [check, list, ...rest] = await discover(ItemsController, [Singleton]);
    expect(rest).toEqual([]);
    expect(check).toMatchObject({
      name: 'ItemsController.check',
      method: 'POST',
      path: '/api/v1/items/check',
      access: { isPublic: false, roles: ['admin', 'operator'] },
      status: 200,
      body: { index: 0, metadata: { type: 'body', metatype: ItemDto } },
      arity: 1,
    });
    expect(check.invoke([{ name: 'a' }])).toEqual({ name: 'a', seen: true });
    expect(list).toMatchObject({
      method: 'GET',
      path: '/api/v1/items',
      access: { isPublic: true, roles: [] },
      status: 200,
      body: undefined,
    });
  });

  it('takes 201 for a POST without @HttpCode, as Nest does', async () => {
    @Controller('things')
    class ThingsController {
      @Post()
      @Auth()
      @LeanRoute()
      create() {
        return {};
      }
    }
    expect((await discover(ThingsController))[0]).toMatchObject({ status: 201, path: '/things' });
  });

  it('refuses a lean route whose controller depends on a request-scoped provider', async () => {
    @Controller('scoped')
    class ScopedController {
      constructor(readonly perRequest: PerRequest) {}

      @Post()
      @LeanRoute()
      run() {
        return {};
      }
    }
    await expect(discover(ScopedController, [PerRequest])).rejects.toThrow(
      'Lean route ScopedController.run: its controller depends on request-scoped or transient providers',
    );
  });

  it('refuses what the dispatcher would not run: own guards, other parameters, path parameters', async () => {
    @Controller('guarded')
    class GuardedController {
      @Post()
      @UseGuards(class {})
      @LeanRoute()
      run() {
        return {};
      }
    }
    await expect(discover(GuardedController)).rejects.toThrow('@UseGuards is not supported');

    @Controller('params')
    class ParamsController {
      @Post(':id')
      @LeanRoute()
      run(@Param('id') id: string) {
        return { id };
      }
    }
    await expect(discover(ParamsController)).rejects.toThrow(/has parameters|only be one whole/);

    @Controller('picky')
    class PickyController {
      @Post()
      @LeanRoute()
      run(@Body('name') name: string) {
        return { name };
      }
    }
    await expect(discover(PickyController)).rejects.toThrow('may not pick a property');
  });
});
