import { describe, expect, it } from 'vitest';
import { corsOriginPolicy } from './cors-origins';

describe('corsOriginPolicy', () => {
  const LOCAL = ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://localhost'];
  const NEVER = [
    'http://localhost.evil.example',
    'http://localhost:5173.evil.example',
    'http://127.0.0.1.nip.io:3000',
    'https://evil.example',
    'null',
  ];

  it('allows only the listed origins when loopback is not allowed (production)', () => {
    const allowed = corsOriginPolicy(['https://app.example.com'], false);
    expect(allowed('https://app.example.com')).toBe(true);
    for (const origin of [...LOCAL, ...NEVER]) expect(allowed(origin), origin).toBe(false);
    expect(allowed(undefined)).toBe(false);
  });

  it('adds any loopback http origin, on any port, when allowed (npm start)', () => {
    const allowed = corsOriginPolicy(['https://app.example.com'], true);
    for (const origin of [...LOCAL, 'https://app.example.com'])
      expect(allowed(origin), origin).toBe(true);
    for (const origin of NEVER) expect(allowed(origin), origin).toBe(false);
  });
});
