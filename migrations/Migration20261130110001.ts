import { Migration } from '@mikro-orm/migrations';

/** Realty: datasets, training runs and house-price model versions (at most one active). */
export class Migration20261130110001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "realty_datasets" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "origin" varchar(16) not null, "target" varchar(64) not null, "row_count" int not null, "columns" jsonb not null, "default_features" jsonb null, "content_hash" varchar(64) not null, "storage_key" varchar(500) not null, "owner_id" uuid null, constraint "realty_datasets_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "realty_datasets_created_at_index" on "realty_datasets" ("created_at");`,
    );
    this.addSql(
      `create table "realty_training_runs" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "task_id" uuid not null, "dataset_id" uuid not null, "algorithm" varchar(32) not null, "seed" int not null, "features" jsonb not null, "params" jsonb not null, "activation" varchar(16) not null, "data_hash" varchar(64) null, "metrics" jsonb null, "feature_importance" jsonb null, "duration_ms" int null, "train_rows" int null, "holdout_rows" int null, "chart_key" varchar(500) null, "model_version" int null, "owner_id" uuid null, constraint "realty_training_runs_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "realty_training_runs" add constraint "realty_training_runs_task_id_unique" unique ("task_id");`,
    );
    this.addSql(
      `create index "realty_training_runs_created_at_index" on "realty_training_runs" ("created_at");`,
    );
    this.addSql(
      `create table "realty_model_versions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null, "run_id" uuid not null, "dataset_id" uuid not null, "algorithm" varchar(32) not null, "features" jsonb not null, "target" varchar(64) not null, "metrics" jsonb not null, "onnx_key" varchar(500) not null, "onnx_bytes" int not null, "active" boolean not null default false, "activated_at" timestamptz null, constraint "realty_model_versions_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "realty_model_versions" add constraint "realty_model_versions_version_unique" unique ("version");`,
    );
    // At most one active version.
    this.addSql(
      `create unique index "realty_model_versions_one_active" on "realty_model_versions" ("active") where "active";`,
    );

    this.addSql(
      `alter table "realty_datasets" add constraint "realty_datasets_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "realty_training_runs" add constraint "realty_training_runs_dataset_id_foreign" foreign key ("dataset_id") references "realty_datasets" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "realty_training_runs" add constraint "realty_training_runs_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "realty_model_versions" add constraint "realty_model_versions_run_id_foreign" foreign key ("run_id") references "realty_training_runs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "realty_model_versions" add constraint "realty_model_versions_dataset_id_foreign" foreign key ("dataset_id") references "realty_datasets" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "realty_model_versions" cascade;`);
    this.addSql(`drop table if exists "realty_training_runs" cascade;`);
    this.addSql(`drop table if exists "realty_datasets" cascade;`);
  }
}
