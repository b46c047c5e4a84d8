import { Migration } from '@mikro-orm/migrations';

/** Keyset paging: a (sort key, id) index for every sort a list route offers. */
export class Migration20261130130000 extends Migration {
  override async up(): Promise<void> {
    for (const column of ['created_at', 'date', 'probability', 'knr']) {
      this.addSql(`drop index if exists "predictions_${column}_index";`);
      this.addSql(
        `create index "predictions_${column}_id_index" on "predictions" ("${column}", "id");`,
      );
    }
    this.addSql(`create index "tasks_created_at_id_index" on "tasks" ("created_at", "id");`);
    this.addSql(`create index "jobs_created_at_id_index" on "jobs" ("created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "jobs_created_at_id_index";`);
    this.addSql(`drop index if exists "tasks_created_at_id_index";`);
    for (const column of ['created_at', 'date', 'probability', 'knr']) {
      this.addSql(`drop index if exists "predictions_${column}_id_index";`);
      this.addSql(`create index "predictions_${column}_index" on "predictions" ("${column}");`);
    }
  }
}
