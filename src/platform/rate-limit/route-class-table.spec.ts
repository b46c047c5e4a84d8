import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address';
import { RouteClassTable } from './route-class-table';

const routes = [
  { method: 'POST', path: '/api/v1/predictions/score', routeClass: 'inference' as const },
  { method: 'PUT', path: '/api/v1/storage/objects', routeClass: 'upload' as const },
  { method: 'GET', path: '/health/live', routeClass: 'exempt' as const },
  { method: 'POST', path: '/api/v1/things/:id/files', routeClass: 'upload' as const },
  { method: 'GET', path: '/api/v1/users', routeClass: 'default' as const },
];

describe('RouteClassTable', () => {
  const table = new RouteClassTable(routes, { caseSensitive: false, strict: false });

  it('finds the class of every spelling Express routes to a declared path', () => {
    expect(table.classOf('POST', '/api/v1/predictions/score')).toBe('inference');
    expect(table.classOf('POST', '/API/v1/predictions/score/?x=1')).toBe('inference');
    expect(table.classOf('PUT', '/api/v1/storage/objects?token=abc')).toBe('upload');
    expect(table.classOf('HEAD', '/health/live')).toBe('exempt');
    expect(table.classOf('POST', '/api/v1/things/42/files')).toBe('upload');
    expect(table.classOf('POST', '/api/v1/things/42/files/')).toBe('upload');
  });

  it('puts anything else in the default class', () => {
    expect(table.classOf('GET', '/api/v1/predictions/score')).toBe('default');
    expect(table.classOf('POST', '/api/v1/things/42/files/extra')).toBe('default');
    expect(table.classOf('POST', '/api/v1/things//files')).toBe('default');
    expect(table.classOf('GET', '/api/v1/users')).toBe('default');
    expect(table.classOf(undefined, undefined)).toBe('default');
  });

  it('follows strict and case-sensitive routing when Express does', () => {
    const strict = new RouteClassTable(routes, { caseSensitive: true, strict: true });
    expect(strict.classOf('POST', '/api/v1/predictions/score/')).toBe('default');
    expect(strict.classOf('POST', '/API/v1/things/1/files')).toBe('default');
    expect(strict.classOf('POST', '/api/v1/things/1/files')).toBe('upload');
  });
});

describe('clientAddressOf', () => {
  const req = (forwarded: string | undefined, peer = '10.0.0.5'): IncomingMessage =>
    ({
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
      socket: { remoteAddress: peer },
    }) as unknown as IncomingMessage;

  it('trusts one proxy, as Express does with trust proxy 1: the last forwarded address', () => {
    expect(clientAddressOf(req('198.51.100.1, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressOf(req('203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressOf(req(undefined))).toBe('10.0.0.5');
    expect(clientAddressOf(req(''))).toBe('10.0.0.5');
  });
});
