import { Global, Module } from '@nestjs/common';
import { ListPageCache } from './list-page-cache';
import { TableChangeFeed } from './table-change-feed';

/** Committed table changes heard from PostgreSQL, and the in-process list cache they keep true. */
@Global()
@Module({ providers: [TableChangeFeed, ListPageCache], exports: [TableChangeFeed, ListPageCache] })
export class TableChangesModule {}
