import { Injectable } from '@nestjs/common';
import { TableCache } from '../../platform/table-changes/table-cache';
import { ToolkitsService } from '../toolkits.service';
import { snapshotOf, type ToolkitSnapshot } from './toolkit-snapshot';

/** The tables a toolkit snapshot is read from: a committed change to any of them drops every kept snapshot. */
const CATALOGUE_TABLES = ['tools', 'toolkits', 'toolkit_items'] as const;

/**
 * Toolkit snapshots by reference (number or id), kept in memory by the shared TableCache until the tool catalogue
 * changes (any process, any writer: the tables' triggers announce it): a detection answered from the cache then
 * runs no database query and no Redis read for its toolkit.
 */
@Injectable()
export class ToolkitSnapshots {
  constructor(
    private readonly toolkits: ToolkitsService,
    private readonly cache: TableCache,
  ) {}

  /** @throws NotFoundException for an unknown toolkit. */
  get(reference: string): Promise<ToolkitSnapshot> {
    return this.cache.read(CATALOGUE_TABLES, `toolkit:${reference}`, async () =>
      snapshotOf(await this.toolkits.getByReference(reference)),
    );
  }
}
