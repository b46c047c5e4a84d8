import { Migration } from '@mikro-orm/migrations';

export class Migration20261130030622 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "import_completions" ("task_id" uuid not null, "imported" int not null, "rows" int not null, "model_version" varchar(64) not null, "completed_at" timestamptz not null, constraint "import_completions_pkey" primary key ("task_id"));`,
    );

    this.addSql(
      `alter table "import_completions" add constraint "import_completions_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_completions" cascade;`);
  }
}
