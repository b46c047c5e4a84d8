import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `x-webhook-signature: sha256=<hex>` is HMAC-SHA256(WEBHOOK_SECRET, `<x-webhook-timestamp>.<raw body>`).
 * A receiver recomputes it over the raw body and compares in constant time; the timestamp lets it refuse replays.
 */
export const signWebhook = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export const verifyWebhook = (
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean => {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
