import { Global, Module } from '@nestjs/common';
import { TableCache } from './table-cache';
import { TableChangeFeed } from './table-change-feed';

/** Committed table changes heard from PostgreSQL, and the in-process list cache they keep true. */
@Global()
@Module({ providers: [TableChangeFeed, TableCache], exports: [TableChangeFeed, TableCache] })
export class TableChangesModule {}
