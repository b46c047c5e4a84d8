import { Migration } from '@mikro-orm/migrations';

export class Migration20261123073114 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "predictions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "knr" varchar(64) not null, "date" timestamptz not null, "feature1" double precision not null, "feature2" double precision not null, "feature3" double precision not null, "prediction_result" smallint not null, "probability" double precision not null, "real_result" smallint null, "model_version" varchar(64) not null, constraint "predictions_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "predictions_knr_index" on "predictions" ("knr");`);
    this.addSql(`create index "predictions_probability_index" on "predictions" ("probability");`);
    this.addSql(
      `create index "predictions_model_version_date_index" on "predictions" ("model_version", "date");`,
    );
    this.addSql(`create index "predictions_real_result_index" on "predictions" ("real_result");`);
    this.addSql(
      `create index "predictions_prediction_result_index" on "predictions" ("prediction_result");`,
    );
    this.addSql(`create index "predictions_date_index" on "predictions" ("date");`);
    this.addSql(`create index "predictions_created_at_index" on "predictions" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "predictions" cascade;`);
  }
}
