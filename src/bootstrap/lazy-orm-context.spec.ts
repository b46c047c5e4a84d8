import { MikroORM, RequestContext } from '@mikro-orm/core';
import { defineConfig } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runInLazyOrmContext } from './lazy-orm-context';

describe('lazy ORM request context', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init(
      defineConfig({
        clientUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
        entities: [],
        discovery: { warnWhenNoEntities: false },
        connect: false,
      }),
    );
  });
  afterAll(() => orm.close());

  it('forks the entity manager on first use only, once per context', async () => {
    const fork = vi.spyOn(orm.em, 'fork');
    const untouched = runInLazyOrmContext(orm.em, () => RequestContext.currentRequestContext());
    expect(untouched).toBeInstanceOf(RequestContext);
    expect(fork).not.toHaveBeenCalled();

    const [first, again, later] = await runInLazyOrmContext(orm.em, async () => {
      const a = RequestContext.getEntityManager();
      const b = RequestContext.currentRequestContext()?.em;
      await new Promise((resolve) => setImmediate(resolve));
      return [a, b, RequestContext.getEntityManager()];
    });
    expect(fork).toHaveBeenCalledTimes(1);
    expect(first).toBeDefined();
    expect(first).not.toBe(orm.em);
    expect(again).toBe(first);
    expect(later).toBe(first);
    // The global manager resolves to the context's fork, as inside RequestContext.create.
    const resolved = runInLazyOrmContext(orm.em, () => orm.em.getContext());
    expect(resolved).not.toBe(orm.em);
    expect(RequestContext.getEntityManager('other')).toBeUndefined();
    fork.mockRestore();
  });

  it('gives each context its own fork', () => {
    const a = runInLazyOrmContext(orm.em, () => orm.em.getContext());
    const b = runInLazyOrmContext(orm.em, () => orm.em.getContext());
    expect(a).not.toBe(b);
    expect(RequestContext.currentRequestContext()).toBeUndefined();
  });
});
