import { describe, expect, it } from 'vitest';
import { AppConfig } from './app-config';
import { ConfigValidationError, validateEnvironment } from './environment.loader';

describe('validateEnvironment', () => {
  it('lists every bad or missing variable at once', () => {
    try {
      validateEnvironment({ PORT: 'eighty', REDIS_URL: 'http://nope', DB_POOL_SIZE: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect((error as ConfigValidationError).problems).toHaveLength(4);
      expect(problems).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
      expect(problems).toContain('REDIS_URL must be a redis:// or rediss:// URL');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DB_POOL_SIZE/);
    }
  });

  it("refuses a DATABASE_URL sslmode the driver settings do not know, and accepts libpq's", () => {
    expect(() =>
      validateEnvironment({ DATABASE_URL: 'postgresql://u@h/db?sslmode=requir' }),
    ).toThrow(/sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full/);
    for (const mode of ['require', 'verify-full', 'disable'])
      expect(
        validateEnvironment({
          DATABASE_URL: `postgresql://u@h/db?application_name=x&sslmode=${mode}`,
        }).DATABASE_URL,
      ).toContain(mode);
  });

  it('applies defaults and converts types', () => {
    const env = validateEnvironment({
      DATABASE_URL: 'postgresql://u@h/db',
      PORT: '8080',
      DB_MIGRATE_ON_START: 'true',
    });
    expect(env.PORT).toBe(8080);
    expect(env.DB_MIGRATE_ON_START).toBe(true);
    expect(env.LOG_LEVEL).toBe('info');
  });
});

describe('AppConfig', () => {
  const base = { DATABASE_URL: 'postgresql://u@h/db' };

  it('reads Redis from REDIS_URL, or from host, port, password and db', () => {
    const fromUrl = new AppConfig(
      validateEnvironment({ ...base, REDIS_URL: 'redis://:s%40cret@cache:6380/2' }),
    );
    expect(fromUrl.redis).toMatchObject({ host: 'cache', port: 6380, password: 's@cret', db: 2 });
    const fromParts = new AppConfig(
      validateEnvironment({ ...base, REDIS_HOST: 'r', REDIS_PORT: '7000', REDIS_DB: '3' }),
    );
    expect(fromParts.redis).toMatchObject({
      host: 'r',
      port: 7000,
      db: 3,
      url: 'redis://r:7000/3',
    });
  });

  it('maps pool settings and CORS origins', () => {
    const config = new AppConfig(
      validateEnvironment({
        ...base,
        DB_POOL_SIZE: '4',
        DB_MAX_OVERFLOW: '6',
        BACKEND_CORS_ORIGINS: 'https://a.example/, http://b:5173',
      }),
    );
    expect(config.database).toMatchObject({ poolMax: 10, poolMin: 2 });
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'http://b:5173']);
  });

  it('never migrates at start in the CLI role', () => {
    const env = validateEnvironment({ ...base, DB_MIGRATE_ON_START: 'true' });
    expect(new AppConfig(env, 'api').database.migrateOnStart).toBe(true);
    expect(new AppConfig(env, 'cli').database.migrateOnStart).toBe(false);
  });
});

describe('storage configuration', () => {
  const base = { DATABASE_URL: 'postgresql://u@h/db' };

  it('accepts MINIO_ENDPOINT as host:port with MINIO_SECURE, or as a URL', () => {
    const s3 = { ...base, STORAGE_DRIVER: 's3', MINIO_ACCESS_KEY: 'a', MINIO_SECRET_KEY: 'b' };
    expect(
      new AppConfig(validateEnvironment({ ...s3, MINIO_ENDPOINT: 'minio:9000' })).storage.s3
        .endpoint,
    ).toBe('http://minio:9000');
    const secure = new AppConfig(
      validateEnvironment({ ...s3, MINIO_ENDPOINT: 's3.example.com', MINIO_SECURE: 'true' }),
    );
    expect(secure.storage.s3.endpoint).toBe('https://s3.example.com');
    const url = new AppConfig(
      validateEnvironment({
        ...s3,
        MINIO_ENDPOINT: 'http://10.0.0.5:9000/',
        MINIO_PUBLIC_ENDPOINT: 'https://files.example.com',
      }),
    );
    expect(url.storage.s3).toMatchObject({
      endpoint: 'http://10.0.0.5:9000',
      publicEndpoint: 'https://files.example.com',
    });
  });

  it('requires endpoint and credentials for the s3 driver', () => {
    expect(() => validateEnvironment({ ...base, STORAGE_DRIVER: 's3' })).toThrow(
      /MINIO_ENDPOINT.*\n.*MINIO_ACCESS_KEY.*\n.*MINIO_SECRET_KEY/s,
    );
  });

  it('requires a signing secret for the local driver in production only', () => {
    expect(() => validateEnvironment({ ...base, NODE_ENV: 'production' })).toThrow(
      /STORAGE_SIGNING_SECRET is required/,
    );
    const dev = new AppConfig(validateEnvironment(base));
    expect(dev.storage.local.signingSecret).toHaveLength(64);
    expect(() => validateEnvironment({ ...base, STORAGE_SIGNING_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });

  it('configures the tool detector: pixel limit, thresholds file under MODELS_DIR, fallback class names', () => {
    const defaults = new AppConfig(validateEnvironment({ ...base, MODELS_DIR: '/srv/models' }));
    expect(defaults.toolDetector).toEqual({
      maxPixels: 40_000_000,
      classThresholdsFile: '/srv/models/tool-detector/thresholds.json',
      classNames: [],
    });
    const custom = new AppConfig(
      validateEnvironment({
        ...base,
        TOOLS_MAX_PIXELS: '1000000',
        TOOLS_CLASS_THRESHOLDS_FILE: '/etc/tools/thresholds.json',
        TOOLS_CLASS_NAMES: 'hammer, wire cutter,wrench',
      }),
    );
    expect(custom.toolDetector).toEqual({
      maxPixels: 1_000_000,
      classThresholdsFile: '/etc/tools/thresholds.json',
      classNames: ['hammer', 'wire cutter', 'wrench'],
    });
    expect(() =>
      validateEnvironment({ ...base, TOOLS_MAX_PIXELS: '0', TOOLS_CLASS_NAMES: 'a,,b' }),
    ).toThrow(/TOOLS_MAX_PIXELS[\s\S]*TOOLS_CLASS_NAMES must be class names separated by commas/);
  });

  it('runs the tool detector in a thread of its own unless INFERENCE_OWN_THREAD_MODELS says otherwise', () => {
    const config = (env: Record<string, string> = {}) =>
      new AppConfig(validateEnvironment({ ...base, ...env })).inference.ownThreadModels;
    expect(config()).toEqual(['tool-detector']);
    expect(config({ INFERENCE_OWN_THREAD_MODELS: 'tool-detector,price-model' })).toEqual([
      'tool-detector',
      'price-model',
    ]);
    expect(config({ INFERENCE_OWN_THREAD_MODELS: 'none' })).toEqual([]);
    expect(() => config({ INFERENCE_OWN_THREAD_MODELS: 'Tool Detector' })).toThrow(
      /INFERENCE_OWN_THREAD_MODELS must be model names separated by commas/,
    );
  });
});
