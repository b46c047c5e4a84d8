import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { ObjectKeys } from '../../storage/object-keys';
import { ObjectStorage } from '../../storage/object-storage';
import type { DatasetTable } from './dataset-table';

export interface StoredTable {
  key: string;
  contentHash: string;
}

/**
 * Typed dataset rows in object storage, one JSON file per dataset (column by column). Training reads a dataset
 * whole, so a blob fits better than a table of rows, and Postgres stays small; schema and statistics are in the
 * dataset record.
 */
@Injectable()
export class DatasetStore {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
  ) {}

  async save(table: DatasetTable): Promise<StoredTable> {
    const body = Buffer.from(JSON.stringify(table));
    const key = this.keys.generate('realty/datasets', 'rows.json');
    await this.storage.put(key, body, { contentType: 'application/json' });
    return { key, contentHash: createHash('sha256').update(body).digest('hex') };
  }

  async load(key: string): Promise<DatasetTable> {
    const { body } = await this.storage.get(key);
    return JSON.parse((await buffer(body)).toString('utf8')) as DatasetTable;
  }
}
