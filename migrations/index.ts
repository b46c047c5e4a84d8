import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123065706 } from './Migration20261123065706';
import { Migration20261123073114 } from './Migration20261123073114';
import { Migration20261123081729 } from './Migration20261123081729';
import { Migration20261130030622 } from './Migration20261130030622';
import { Migration20261130100001 } from './Migration20261130100001';
import { Migration20261130110001 } from './Migration20261130110001';
import { Migration20261130120000 } from './Migration20261130120000';
import { Migration20261130130000 } from './Migration20261130130000';
import { Migration20261130150000 } from './Migration20261130150000';
import { Migration20261130160000 } from './Migration20261130160000';
import { Migration20261130170000 } from './Migration20261130170000';
import { Migration20261130180000 } from './Migration20261130180000';

/** Every migration in order. `cli migrate create` writes a new file here and adds it to this list. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123065706', class: Migration20261123065706 },
  { name: 'Migration20261123073114', class: Migration20261123073114 },
  { name: 'Migration20261123081729', class: Migration20261123081729 },
  { name: 'Migration20261130030622', class: Migration20261130030622 },
  { name: 'Migration20261130100001', class: Migration20261130100001 },
  { name: 'Migration20261130110001', class: Migration20261130110001 },
  { name: 'Migration20261130120000', class: Migration20261130120000 },
  { name: 'Migration20261130130000', class: Migration20261130130000 },
  { name: 'Migration20261130150000', class: Migration20261130150000 },
  { name: 'Migration20261130160000', class: Migration20261130160000 },
  { name: 'Migration20261130170000', class: Migration20261130170000 },
  { name: 'Migration20261130180000', class: Migration20261130180000 },
];
