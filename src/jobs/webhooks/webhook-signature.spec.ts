import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'a'.repeat(32);

  it('verifies what it signed, and nothing altered', () => {
    const signature = signWebhook(secret, '1700000000', '{"id":"x"}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, '1700000000', '{"id":"x"}', signature)).toBe(true);
    expect(verifyWebhook(secret, '1700000001', '{"id":"x"}', signature)).toBe(false);
    expect(verifyWebhook(secret, '1700000000', '{"id":"y"}', signature)).toBe(false);
    expect(verifyWebhook('b'.repeat(32), '1700000000', '{"id":"x"}', signature)).toBe(false);
    expect(verifyWebhook(secret, '1700000000', '{"id":"x"}', 'sha256=00')).toBe(false);
  });
});
