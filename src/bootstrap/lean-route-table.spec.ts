import {
  Body,
  Controller,
  Get,
  createParamDecorator,
  HttpCode,
  Injectable,
  Param,
  ParseIntPipe,
  Post,
  Scope,
  UploadedFile,
  UploadedFiles,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
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

@Injectable()
class Passing implements NestInterceptor {
  constructor(readonly singleton: Singleton) {}
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle();
  }
}

@Injectable({ scope: Scope.REQUEST })
class PassingPerRequest extends Passing {}

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

    @Controller('patterns')
    class PatternsController {
      @Post('files/*rest')
      @LeanRoute()
      run() {
        return {};
      }
    }
    await expect(discover(PatternsController)).rejects.toThrow('has patterns');

    @Controller('params')
    class ParamsController {
      @Post(':id')
      @LeanRoute()
      run(@Param('other') other: string) {
        return { other };
      }
    }
    await expect(discover(ParamsController)).rejects.toThrow(
      '@Param() must name one of its path parameters',
    );

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

  it("takes interceptors as the module's instances and uploaded files; refuses request-scoped interceptors", async () => {
    @Controller('uploads')
    class UploadsController {
      @Post()
      @Auth()
      @LeanRoute()
      @UseInterceptors(Passing)
      one(@Body() body: ItemDto, @UploadedFile('photo') photo: unknown) {
        return { body, photo };
      }

      @Post('many')
      @Auth()
      @LeanRoute()
      many(@UploadedFiles() files: unknown) {
        return { files };
      }
    }
    const [one, many] = await discover(UploadsController, [Singleton]);
    expect(one.uploads).toEqual([{ index: 1, property: 'photo' }]);
    expect(one.interceptors).toHaveLength(1);
    expect((one.interceptors[0] as Passing).singleton).toBeInstanceOf(Singleton);
    expect(many).toMatchObject({ uploads: [{ index: 0, property: 'files' }], interceptors: [] });

    @Controller('scoped-uploads')
    class ScopedUploadsController {
      @Post()
      @LeanRoute()
      @UseInterceptors(PassingPerRequest)
      run() {
        return {};
      }
    }
    await expect(discover(ScopedUploadsController, [Singleton])).rejects.toThrow(
      'its controller depends on request-scoped or transient providers',
    );
  });

  it('takes path parameters with their pipes and custom parameter decorators', async () => {
    const Caller = createParamDecorator((data: string, ctx: ExecutionContext) => ({
      data,
      path: ctx.switchToHttp().getRequest<{ url: string }>().url,
    }));
    @Controller('boards/:boardId')
    class BoardsController {
      @Get('cards/:cardId')
      @Auth()
      @LeanRoute()
      card(
        @Caller('who') caller: unknown,
        @Param('boardId', ParseIntPipe) boardId: number,
        @Param('cardId') cardId: string,
      ) {
        return { caller, boardId, cardId };
      }
    }
    const [card] = await discover(BoardsController);
    expect(card).toMatchObject({
      path: '/boards/:boardId/cards/:cardId',
      paramNames: ['boardId', 'cardId'],
      params: [
        { index: 1, metadata: { type: 'param', data: 'boardId', metatype: Number } },
        { index: 2, metadata: { type: 'param', data: 'cardId', metatype: String }, pipes: [] },
      ],
      custom: [{ index: 0, data: 'who' }],
      arity: 3,
    });
    expect(card.params[0].pipes[0]).toBeInstanceOf(ParseIntPipe);
  });

  it('refuses a lean route that another route of the same method could also match', async () => {
    @Controller('boards')
    class BoardsController {
      @Get(':id/summary')
      @Auth()
      @LeanRoute()
      summary(@Param('id') id: string) {
        return { id };
      }

      @Get('archived/:what')
      @Auth()
      archived(@Param('what') what: string) {
        return { what };
      }

      @Get(':id/summary.csv')
      @Auth()
      csv(@Param('id') id: string) {
        return id;
      }
    }
    await expect(discover(BoardsController)).rejects.toThrow(
      'GET /boards/:id/summary could also match BoardsController.archived (/boards/archived/:what)',
    );
  });
});
