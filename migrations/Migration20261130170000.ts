import { Migration } from '@mikro-orm/migrations';

const CATALOGUE = ['tools', 'toolkits', 'toolkit_items'];

/** The tool catalogue announces its committed changes too (toolkit snapshots kept by each API process). */
export class Migration20261130170000 extends Migration {
  override async up(): Promise<void> {
    for (const table of CATALOGUE)
      this.addSql(
        `create trigger "${table}_notify_change" after insert or update or delete or truncate on "${table}" for each statement execute function "notify_table_change"();`,
      );
  }

  override async down(): Promise<void> {
    for (const table of CATALOGUE)
      this.addSql(`drop trigger if exists "${table}_notify_change" on "${table}";`);
  }
}
