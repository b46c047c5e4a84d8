import type { FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { OwnFlushes } from './own-flushes';

const flush = (tables: string[], transaction?: object) =>
  ({
    em: { isInTransaction: () => !!transaction, getTransactionContext: () => transaction },
    uow: { getChangeSets: () => tables.map((tableName) => ({ meta: { tableName } })) },
  }) as unknown as FlushEventArgs;
const commit = (transaction: object) => ({ transaction }) as unknown as TransactionEventArgs;

describe('OwnFlushes', () => {
  it('reports the tables of a flush in its own transaction once', () => {
    const seen: string[] = [];
    new OwnFlushes((table) => seen.push(table)).afterFlush(flush(['a', 'b', 'a']));
    expect(seen).toEqual(['a', 'b']);
  });

  it('reports a flush inside a transaction again after that transaction commits, not after others', () => {
    const seen: string[] = [];
    const own = new OwnFlushes((table) => seen.push(table));
    const trx = {};
    own.afterFlush(flush(['a'], trx));
    own.afterFlush(flush(['b'], trx));
    own.afterTransactionCommit(commit({}));
    expect(seen).toEqual(['a', 'b']);
    own.afterTransactionCommit(commit(trx));
    expect(seen.slice(2).sort()).toEqual(['a', 'b']);
    own.afterTransactionCommit(commit(trx));
    expect(seen).toHaveLength(4);
  });

  it('reports nothing for a flush without changes', () => {
    const seen: string[] = [];
    new OwnFlushes((table) => seen.push(table)).afterFlush(flush([]));
    expect(seen).toEqual([]);
  });
});
