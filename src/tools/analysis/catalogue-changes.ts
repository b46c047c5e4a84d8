import {
  MikroORM,
  type EventSubscriber,
  type FlushEventArgs,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ToolkitItem } from '../entities/toolkit-item.entity';
import { Toolkit } from '../entities/toolkit.entity';
import { Tool } from '../entities/tool.entity';
import { CatalogueGeneration } from './catalogue-generation';

const CATALOGUE: readonly unknown[] = [Tool, Toolkit, ToolkitItem];

/**
 * Advances the catalogue generation after every committed flush that wrote a tool, toolkit or toolkit item,
 * whichever service or seeder did it: after the implicit transaction of the flush, or after the commit of the
 * explicit transaction it ran in. Only ORM writes are seen; SQL run by hand is not.
 */
@Injectable()
export class CatalogueChanges implements EventSubscriber, OnModuleInit {
  /** Transactions in which a flush changed the catalogue, waiting for their commit. */
  private readonly pending = new WeakSet<object>();

  constructor(
    private readonly orm: MikroORM,
    private readonly generation: CatalogueGeneration,
  ) {}

  onModuleInit(): void {
    this.orm.em.getEventManager().registerSubscriber(this);
  }

  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const touched = [...uow.getChangeSets()].some((change) =>
      CATALOGUE.includes(change.entity.constructor),
    );
    if (!touched) return;
    const transaction = em.isInTransaction() ? em.getTransactionContext<object>() : undefined;
    if (transaction) this.pending.add(transaction);
    else await this.generation.advance();
  }

  async afterTransactionCommit({ transaction }: TransactionEventArgs): Promise<void> {
    if (!transaction || !this.pending.has(transaction as object)) return;
    this.pending.delete(transaction as object);
    await this.generation.advance();
  }
}
