import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isPublicAddress, publicOnlyLookup, webhookUrlProblem } from './webhook-target';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:1.1.1.1'])(
    'accepts %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});

describe('webhookUrlProblem', () => {
  it.each([
    'http://localhost:8080/hook',
    'http://api.localhost/hook',
    'http://127.0.0.1/hook',
    'http://[::1]:9000/hook',
    'http://169.254.169.254/latest/meta-data',
    'https://10.0.0.5/hook',
  ])('refuses %s', (url) => expect(webhookUrlProblem(url)).toMatch(/must not point to/));

  it.each(['https://hooks.example.com/jobs', 'http://8.8.8.8:8080/x', 'https://[2606:4700::1]/'])(
    'accepts %s (names are judged again when resolved)',
    (url) => expect(webhookUrlProblem(url)).toBeUndefined(),
  );
});

describe('publicOnlyLookup', () => {
  const resolvingTo =
    (...addresses: LookupAddress[]) =>
    (_host: string, callback: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) =>
      callback(null, addresses);

  const run = (
    lookup: ReturnType<typeof publicOnlyLookup>,
    options: { all?: boolean; family?: number } = {},
  ) =>
    new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) =>
      lookup('hooks.example.com', options, (error, address, family) =>
        resolve({ error, address, family }),
      ),
    );

  it('passes public addresses through, one or all', async () => {
    const lookup = publicOnlyLookup(
      resolvingTo({ address: '93.184.216.34', family: 4 }, { address: '2606:4700::1', family: 6 }),
    );
    expect(await run(lookup)).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await run(lookup, { family: 6 })).toEqual({
      error: null,
      address: '2606:4700::1',
      family: 6,
    });
    expect((await run(lookup, { all: true })).address).toHaveLength(2);
  });

  it('refuses a name with any inside address (a rebinding name may return both)', async () => {
    const lookup = publicOnlyLookup(
      resolvingTo({ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }),
    );
    const { error } = await run(lookup, { all: true });
    expect(error?.message).toBe(
      'hooks.example.com resolves to 127.0.0.1, which is not a public address',
    );
  });

  it('passes resolver errors on', async () => {
    const failing = publicOnlyLookup((_host, callback) =>
      callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []),
    );
    expect((await run(failing)).error?.message).toBe('getaddrinfo ENOTFOUND');
  });
});
