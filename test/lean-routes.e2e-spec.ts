import {
  Body,
  Controller,
  createParamDecorator,
  Get,
  HttpCode,
  Module,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type INestApplication,
  type DynamicModule,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { createServer, type Server } from 'node:http';
import { map, type Observable } from 'rxjs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module';
import { createApp } from '../src/bootstrap/create-app';
import { Auth, CurrentUser, Public } from '../src/common/auth/auth.decorators';
import type { Principal } from '../src/common/auth/principal';
import { UserRole } from '../src/common/auth/user-role';
import { LeanRoute } from '../src/common/http/lean-route';
import { UuidParamPipe } from '../src/common/http/uuid-param.pipe';
import { AppConfig, validateEnvironment } from '../src/config';
import { SeedRunner } from '../src/seeding/seed-runner';
import { createTestDatabase, dropTestDatabase, testEnvironmentVariables } from './support/test-app';

class CountDto {
  @IsInt()
  @Min(1)
  @Max(10)
  count: number;
}

class WindowQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  @IsOptional()
  size: number = 3;

  @IsIn(['a', 'b'])
  @IsOptional()
  kind?: string;
}

class NoteFieldsDto {
  @IsIn(['a', 'b'])
  kind: string;
}

/** Wraps what the method returns, so a test sees that the interceptor's second half ran. */
class WrapInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((value: unknown) => ({ wrapped: value })));
  }
}

/** For each request to the probe's byte route: whether Express routed it (it sets `req.route`; the lean path does not). */
const routedByExpress: boolean[] = [];
const RoutedBy = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  routedByExpress.push(ctx.switchToHttp().getRequest<{ route?: unknown }>().route !== undefined);
});

/**
 * Lean routes with roles, a public one, a query DTO, a non-default status, path parameters with a pipe, the caller
 * and a byte body, beside the application's own.
 */
@Controller('api/v1/lean-probe')
class LeanProbeController {
  @Get('window')
  @Auth()
  @LeanRoute()
  window(@Query() query: WindowQueryDto): { size: number; kind: string | null; typed: string } {
    return { size: query.size, kind: query.kind ?? null, typed: typeof query.size };
  }

  @Post('admin')
  @HttpCode(202)
  @Auth(UserRole.Admin)
  @LeanRoute()
  admin(@Body() body: CountDto): { doubled: number } {
    return { doubled: body.count * 2 };
  }

  @Post('open')
  @Public()
  @LeanRoute()
  open(@Body() body: CountDto): { count: number } {
    return { count: body.count };
  }

  @Post('upload')
  @HttpCode(200)
  @Auth()
  @LeanRoute()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 16 } }), WrapInterceptor)
  upload(
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Body() fields: NoteFieldsDto,
  ): { name: string | null; text: string | null; kind: string } {
    return {
      name: file?.originalname ?? null,
      text: file?.buffer.toString() ?? null,
      kind: fields.kind,
    };
  }

  @Get('boards/:boardId/notes/:note')
  @Auth()
  @LeanRoute()
  note(
    @CurrentUser() caller: Principal,
    @Param('boardId', UuidParamPipe) boardId: string,
    @Param('note') note: string,
    @Query() query: WindowQueryDto,
    @RoutedBy() _routed: unknown,
  ): StreamableFile {
    const text = JSON.stringify({ user: caller.username, boardId, note, size: query.size });
    return new StreamableFile(Buffer.from(text), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="${boardId}.json"`,
    });
  }
}

@Module({})
class ProbeRoot {}

interface Sent {
  method?: 'post' | 'get';
  path: string;
  key?: string;
  type?: string;
  body?: string;
}

/**
 * The same request to the app's server (lean dispatcher first) and to its Express instance alone (the plain Nest
 * route), answered identically (request ids aside); `lean` says whether the first server answered without Express.
 */
async function both(app: INestApplication, plain: Server, sent: Sent) {
  const send = async (server: Server) => {
    let req = request(server)[sent.method ?? 'post'](sent.path);
    if (sent.key) req = req.set('x-api-key', sent.key);
    if (sent.type) req = req.set('content-type', sent.type);
    const res = await (sent.body === undefined ? req : req.send(sent.body));
    const { requestId, ...body } = res.body as Record<string, unknown>;
    if (res.status >= 400) expect(typeof requestId).toBe('string');
    return {
      status: res.status,
      type: res.headers['content-type'] as string | undefined,
      body,
      etag: res.headers.etag as string | undefined,
    };
  };
  const [viaLean, viaNest] = [await send(app.getHttpServer() as Server), await send(plain)];
  expect({ status: viaLean.status, type: viaLean.type, body: viaLean.body }).toEqual({
    status: viaNest.status,
    type: viaNest.type,
    body: viaNest.body,
  });
  // Express's res.json adds an ETag; the lean dispatcher does not: a success without one was served lean.
  return { ...viaLean, lean: viaLean.status < 300 && viaLean.etag === undefined };
}

async function bootApp(root: (config: AppConfig) => DynamicModule) {
  const db = await createTestDatabase();
  const variables = testEnvironmentVariables(db.url, db.prefix);
  const config = new AppConfig(validateEnvironment(variables), 'api');
  const app = await createApp(config, root(config));
  await app.init();
  await app.get(SeedRunner).runNamed('admin');
  const plain = createServer(app.getHttpAdapter().getInstance());
  const adminKey = variables.FIRST_SUPERUSER_API_KEY;
  const viewer = await request(app.getHttpServer())
    .post('/api/v1/users')
    .set('x-api-key', adminKey)
    .send({ username: 'viewer', role: 'viewer' })
    .expect(201);
  const viewerKey = (
    await request(app.getHttpServer())
      .post('/api/v1/api-keys')
      .set('x-api-key', adminKey)
      .send({ name: 'v', userId: viewer.body.id })
      .expect(201)
  ).body.key as string;
  return {
    app,
    plain,
    adminKey,
    viewerKey,
    close: async () => {
      await app.close();
      await dropTestDatabase(db.name, db.prefix);
    },
  };
}

describe('lean routes answer exactly like their Nest routes', () => {
  let t: Awaited<ReturnType<typeof bootApp>>;
  const json = 'application/json';
  const good = JSON.stringify({ feature1: 70, feature2: 4, feature3: 0 });
  const score = '/api/v1/predictions/score';

  beforeAll(async () => {
    t = await bootApp((config) => ({
      module: ProbeRoot,
      imports: [AppModule.forRole(config)],
      controllers: [LeanProbeController],
    }));
  });
  afterAll(() => t.close());

  it('serves every spelling Express routes to /score on the lean path', async () => {
    for (const path of [
      score,
      `${score}/`,
      `${score}?debug=1`,
      `${score}/?debug=1`,
      '/API/V1/Predictions/SCORE',
    ]) {
      const res = await both(t.app, t.plain, { path, key: t.viewerKey, type: json, body: good });
      expect(res.status, path).toBe(200);
      expect(res.body).toEqual({
        probability: expect.any(Number),
        predictionResult: expect.any(Number),
        modelVersion: '1.0.0',
      });
      expect(res.lean, path).toBe(true);
    }
  });

  it('leaves spellings and methods Express routes elsewhere to Express', async () => {
    for (const path of [
      `/api/v1/predictions//score`,
      `${score}//`,
      '/api/v1/predictions/%73core',
    ]) {
      const res = await both(t.app, t.plain, { path, key: t.viewerKey, type: json, body: good });
      expect(res.status, path).toBe(404);
    }
    // GET is not lean: Express routes it to GET /api/v1/predictions/:id, which refuses "score" as an id.
    const get = await both(t.app, t.plain, { method: 'get', path: score, key: t.viewerKey });
    expect(get.status).toBe(400);
  });

  it('refuses bad bodies with the same status, message and details', async () => {
    const cases: [type: string, body: string, status: number][] = [
      ['text/plain', '70,4,0', 400],
      ['application/x-www-form-urlencoded', 'feature1=70&feature2=4&feature3=0', 400],
      ['application/xml', '<features/>', 400],
      ['application/json; charset=latin1', good, 415],
      [json, '{"feature1":', 400],
      [json, '"text"', 400],
      [json, 'null', 400],
      [json, '[70, 4, 0]', 400],
      [json, '', 400],
      [json, '{"feature1":"hot"}', 400],
      [json, '{"feature2":4,"feature3":0}', 400],
      [json, '{"feature1":200.0001,"feature2":-0.1,"feature3":100.5}', 400],
      [json, '{"feature1":-40.5,"feature2":50.01,"feature3":-101}', 400],
      [json, '{"feature1":"70","feature2":null,"feature3":true}', 400],
      [json, '{"feature1":{"a":1},"feature2":[4],"feature3":0}', 400],
      [json, '{"feature1":70,"feature2":4,"feature3":0,"colour":"red","extra":1}', 400],
      [json, JSON.stringify({ feature1: 70, pad: 'x'.repeat(2 * 1024 * 1024) }), 413],
    ];
    for (const [type, body, status] of cases) {
      const res = await both(t.app, t.plain, { path: score, key: t.viewerKey, type, body });
      expect(res.status, `${type} ${body.slice(0, 40)}`).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    }
    const hot = await both(t.app, t.plain, {
      path: `${score}/`,
      key: t.viewerKey,
      type: json,
      body: '{"feature1":"hot"}',
    });
    expect(hot.body.message).toContain('feature1 must be a number');
  });

  it('parses and validates query strings as Express and the pipe do', async () => {
    const cases: [query: string, status: number][] = [
      ['', 200],
      ['?size=5', 200],
      ['?size=5&kind=a', 200],
      ['?kind=b&size=10', 200],
      ['?size=0', 400],
      ['?size=x', 400],
      ['?size=5&size=6', 400],
      ['?kind=c', 400],
      ['?unknown=1', 400],
      ['?size[a]=1', 400],
      ['?size=%35', 200],
      ['?size=5&', 200],
    ];
    for (const [query, status] of cases) {
      const res = await both(t.app, t.plain, {
        method: 'get',
        path: `/api/v1/lean-probe/window${query}`,
        key: t.viewerKey,
      });
      expect(res.status, query).toBe(status);
      if (status === 200) expect(res.lean, query).toBe(true);
    }
    const typed = await both(t.app, t.plain, {
      method: 'get',
      path: '/api/v1/lean-probe/window?size=%35',
      key: t.viewerKey,
    });
    expect(typed.body).toEqual({ size: 5, kind: null, typed: 'number' });
  });

  it('serves the predictions list on the lean path with the same pages and errors', async () => {
    const list = '/api/v1/predictions';
    for (const query of [
      '',
      '?limit=1',
      '?limit=0',
      '?sort=probability&order=asc&includeTotal=false',
      '?cursor=!!',
      '?hasRealResult=maybe',
      '?dateFrom=yesterday',
    ]) {
      const res = await both(t.app, t.plain, {
        method: 'get',
        path: `${list}${query}`,
        key: t.viewerKey,
      });
      if (res.status === 200) expect(res.lean, query).toBe(true);
    }
    const missing = await both(t.app, t.plain, { method: 'get', path: list });
    expect(missing.status).toBe(401);
  });

  it('refuses callers with the same 401 and 403, after the same body checks', async () => {
    const cases: [Sent, number][] = [
      [{ path: score, type: json, body: good }, 401],
      [{ path: score, key: 'mlp_not-a-real-key-0000000000000', type: json, body: good }, 401],
      [{ path: score, type: json, body: '{"feature1":' }, 400],
      [
        { path: '/api/v1/lean-probe/admin', key: t.viewerKey, type: json, body: '{"count":2}' },
        403,
      ],
      [{ path: '/api/v1/lean-probe/admin', type: json, body: '{"count":2}' }, 401],
    ];
    for (const [sent, status] of cases) {
      expect((await both(t.app, t.plain, sent)).status, JSON.stringify(sent)).toBe(status);
    }
  });

  it('reads roles from @Auth, openness from @Public and the status from @HttpCode', async () => {
    const admin = await both(t.app, t.plain, {
      path: '/api/v1/lean-probe/admin/',
      key: t.adminKey,
      type: json,
      body: '{"count":4}',
    });
    expect(admin).toMatchObject({ status: 202, body: { doubled: 8 }, lean: true });
    const open = await both(t.app, t.plain, {
      path: '/api/v1/lean-probe/open',
      type: json,
      body: '{"count":3}',
    });
    expect(open).toMatchObject({ status: 201, body: { count: 3 }, lean: true });
    const invalid = await both(t.app, t.plain, {
      path: '/api/v1/lean-probe/open',
      type: json,
      body: '{"count":30,"more":1}',
    });
    expect(invalid.status).toBe(400);
  });

  it('takes path parameters through their pipes, the caller and byte bodies on the lean path', async () => {
    const board = '0192f3a0-0000-7000-8000-00000000abcd';
    const cases: [path: string, status: number][] = [
      [`/api/v1/lean-probe/boards/${board}/notes/first?size=4`, 200],
      [`/api/v1/lean-probe/boards/${board.toUpperCase()}/notes/a%20b/`, 200],
      [`/api/v1/lean-probe/boards/not-a-uuid/notes/first`, 400],
      [`/api/v1/lean-probe/boards/${board}/notes/first?size=0`, 400],
      [`/api/v1/lean-probe/boards/${board}/notes/%E0%A4%A`, 400],
      [`/api/v1/lean-probe/boards/${board}/notes`, 404],
    ];
    for (const [path, status] of cases) {
      routedByExpress.length = 0;
      const res = await both(t.app, t.plain, { method: 'get', path, key: t.viewerKey });
      expect(res.status, path).toBe(status);
      // The app's own server answered without Express; the plain Express server, through it.
      if (status === 200) expect(routedByExpress, path).toEqual([false, true]);
    }
    const res = await request(t.app.getHttpServer())
      .get(`/api/v1/lean-probe/boards/${board.toUpperCase()}/notes/a%20b?size=7`)
      .set('x-api-key', t.viewerKey)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${board}.json"`);
    expect(res.body).toEqual({ user: 'viewer', boardId: board, note: 'a b', size: 7 });
    const anonymous = await both(t.app, t.plain, {
      method: 'get',
      path: `/api/v1/lean-probe/boards/${board}/notes/first`,
    });
    expect(anonymous.status).toBe(401);
  });

  it('runs interceptors and hands over uploaded files on the lean path, as Nest does', async () => {
    const boundary = 'lean-probe-boundary';
    const multipart = (parts: { name: string; value: string; filename?: string }[]) =>
      parts
        .map(
          ({ name, value, filename }) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"` +
            (filename ? `; filename="${filename}"\r\nContent-Type: text/plain` : '') +
            `\r\n\r\n${value}\r\n`,
        )
        .join('') + `--${boundary}--\r\n`;
    const send = (body: string) =>
      both(t.app, t.plain, {
        path: '/api/v1/lean-probe/upload',
        key: t.viewerKey,
        type: `multipart/form-data; boundary=${boundary}`,
        body,
      });

    const ok = await send(
      multipart([
        { name: 'kind', value: 'a' },
        { name: 'file', value: 'hello', filename: 'note.txt' },
      ]),
    );
    expect(ok).toMatchObject({
      status: 200,
      lean: true,
      body: { wrapped: { name: 'note.txt', text: 'hello', kind: 'a' } },
    });
    const noFile = await send(multipart([{ name: 'kind', value: 'b' }]));
    expect(noFile).toMatchObject({ status: 200, lean: true, body: { wrapped: { name: null } } });
    // The interceptor's error (multer's file limit), and the fields' validation after it: same answers.
    const tooBig = await send(
      multipart([
        { name: 'kind', value: 'a' },
        { name: 'file', value: 'x'.repeat(17), filename: 'big.txt' },
      ]),
    );
    expect(tooBig.status).toBe(413);
    const badField = await send(multipart([{ name: 'kind', value: 'c' }]));
    expect(badField.status).toBe(400);
  });
});
