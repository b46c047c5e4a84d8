import { RequestContext, type EntityManager } from '@mikro-orm/core';
import type { AsyncLocalStorage } from 'node:async_hooks';

/** Where MikroORM keeps the current request's context (a private static of RequestContext in MikroORM 6). */
const contexts = (RequestContext as unknown as { storage: AsyncLocalStorage<RequestContext> })
  .storage;

/** The request's entity-manager forks by name, the fork of `em` made on first use. */
class ForksOnFirstUse extends Map<string, EntityManager> {
  private forking = false;

  constructor(private readonly em: EntityManager) {
    super();
  }

  override get(name: string): EntityManager | undefined {
    const fork = super.get(name);
    if (fork !== undefined || name !== this.em.name || this.forking) return fork;
    // Made as RequestContext.create makes it, before its context exists: a new manager resolves its context while it
    // is built, and finds none (so the global `em`) rather than this half-filled one.
    this.forking = true;
    try {
      const made = this.em.fork({ useContext: true, disableContextResolution: true });
      this.set(name, made);
      return made;
    } finally {
      this.forking = false;
    }
  }
}

/**
 * Runs `work` in a MikroORM request context, as `RequestContext.create(em, work)` does, except that the context's fork
 * of `em` (a fresh identity map) is made when the request first uses the database, not before: a request answered
 * from memory (a cache hit, a refusal) costs no fork.
 */
export const runInLazyOrmContext = <T>(em: EntityManager, work: () => T): T =>
  contexts.run(new RequestContext(new ForksOnFirstUse(em)), work);
