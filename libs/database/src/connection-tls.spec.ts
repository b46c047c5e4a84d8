import { describe, expect, it } from 'vitest';
import { connectionTlsOf } from './connection-tls';

const url = (query: string) => `postgresql://app:secret@db.example.com:5432/app${query}`;

describe('connectionTlsOf', () => {
  it('leaves the driver default without sslmode', () => {
    expect(connectionTlsOf(url(''))).toBeUndefined();
  });

  it("follows libpq's modes", () => {
    expect(connectionTlsOf(url('?sslmode=disable'))).toBe(false);
    expect(connectionTlsOf(url('?sslmode=require'))).toEqual({ rejectUnauthorized: false });
    expect(connectionTlsOf(url('?sslmode=verify-full'))).toEqual({ rejectUnauthorized: true });
    const verifyCa = connectionTlsOf(url('?application_name=x&sslmode=verify-ca'));
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true });
    expect(
      verifyCa && verifyCa.checkServerIdentity?.('db.example.com', {} as never),
    ).toBeUndefined();
  });

  it('refuses a mode it does not know instead of connecting in plain text', () => {
    expect(() => connectionTlsOf(url('?sslmode=requier'))).toThrow(/unknown sslmode "requier"/);
  });
});
