import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205083737 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_rfm_score" drop constraint if exists "retention_rfm_score_run_id_customer_id_currency_code_unique";`);
    this.addSql(`create table if not exists "retention_rfm_run" ("id" text not null, "computed_at" timestamptz not null, "trigger" text check ("trigger" in ('schedule', 'manual')) not null, "scored" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_rfm_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_run_deleted_at" ON "retention_rfm_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_run_computed_at" ON "retention_rfm_run" ("computed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_rfm_score" ("id" text not null, "run_id" text not null, "customer_id" text not null, "currency_code" text not null, "last_order_at" timestamptz not null, "orders" integer not null, "revenue" numeric not null, "r" integer not null, "f" integer not null, "m" integer not null, "segment" text not null, "raw_revenue" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_rfm_score_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_score_deleted_at" ON "retention_rfm_score" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_rfm_score_run_id_customer_id_currency_code_unique" ON "retention_rfm_score" ("run_id", "customer_id", "currency_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_score_run_id_currency_code_segment" ON "retention_rfm_score" ("run_id", "currency_code", "segment") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_rfm_run" cascade;`);

    this.addSql(`drop table if exists "retention_rfm_score" cascade;`);
  }

}
