import { describe, expect, it } from 'vitest';
import { AppConfig, ConfigValidationError, validateEnvironment } from '../../config';

const base = { DATABASE_URL: 'postgresql://u@h/db' };

describe('rate-limit configuration', () => {
  it('reads <requests>/<window> per route class, with defaults', () => {
    const config = new AppConfig(
      validateEnvironment({ ...base, RATE_LIMIT_INFERENCE: '50/30s', RATE_LIMIT_UPLOAD: '2/1h' }),
    );
    expect(config.rateLimits).toEqual({
      enabled: true,
      default: { limit: 600, windowMs: 60_000 },
      inference: { limit: 50, windowMs: 30_000 },
      upload: { limit: 2, windowMs: 3_600_000 },
      authFailure: { limit: 20, windowMs: 600_000 },
      waitPercent: 10,
    });
  });

  it('refuses malformed limits and a short metrics token, naming each variable', () => {
    try {
      validateEnvironment({
        ...base,
        RATE_LIMIT_DEFAULT: '600 per minute',
        RATE_LIMIT_AUTH_FAILURE: '0/1m',
        METRICS_TOKEN: 'short',
      });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toContain('RATE_LIMIT_DEFAULT must look like 600/1m');
      expect(problems).toContain('RATE_LIMIT_AUTH_FAILURE must look like 600/1m');
      expect(problems).toContain('METRICS_TOKEN must be at least 16 characters');
    }
  });
});
