import type { EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';

/**
 * This process's own ORM writes, reported by table right after they are committed: after the implicit transaction
 * of a flush, or after the commit of the explicit transaction the flush ran in (a rolled-back one reports nothing
 * more). Registered on the ORM's event manager by TableChangeFeed.
 */
export class OwnFlushes implements EventSubscriber {
  /** Tables written by flushes inside transactions that have not committed yet. */
  private readonly pending = new WeakMap<object, Set<string>>();

  constructor(private readonly committed: (table: string) => void) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const tables = new Set(uow.getChangeSets().map((change) => change.meta.tableName));
    if (tables.size === 0) return;
    // Reported at once as well: a reader that runs before the commit keeps nothing newer than the commit's report.
    for (const table of tables) this.committed(table);
    const transaction = em.isInTransaction() ? em.getTransactionContext<object>() : undefined;
    if (!transaction) return;
    const waiting = this.pending.get(transaction) ?? new Set<string>();
    for (const table of tables) waiting.add(table);
    this.pending.set(transaction, waiting);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    const waiting = transaction ? this.pending.get(transaction as object) : undefined;
    if (!waiting) return;
    this.pending.delete(transaction as object);
    for (const table of waiting) this.committed(table);
  }
}
