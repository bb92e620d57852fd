import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204180408 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_recovery_rollup" drop constraint if exists "retention_recovery_rollup_campaign_id_bucket_unique";`);
    this.addSql(`create table if not exists "retention_recovery_rollup" ("id" text not null, "campaign_id" text not null, "bucket" text not null, "step" integer null, "variant" integer null, "currency_code" text null, "tracked" integer not null default 0, "abandoned" integer not null default 0, "emailed_carts" integer not null default 0, "holdout_carts" integer not null default 0, "recoveries" integer not null default 0, "holdout_conversions" integer not null default 0, "sends" integer not null default 0, "opens" integer not null default 0, "clicks" integer not null default 0, "revenue" numeric not null default 0, "raw_revenue" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_recovery_rollup_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_recovery_rollup_deleted_at" ON "retention_recovery_rollup" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_recovery_rollup_campaign_id_bucket_unique" ON "retention_recovery_rollup" ("campaign_id", "bucket") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_recovery_rollup" cascade;`);
  }

}
