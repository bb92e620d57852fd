import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205161745 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_order_fact_sync" drop constraint if exists "retention_order_fact_sync_key_unique";`);
    this.addSql(`alter table if exists "retention_order_fact" drop constraint if exists "retention_order_fact_order_id_unique";`);
    this.addSql(`create table if not exists "retention_order_fact" ("id" text not null, "order_id" text not null, "customer_id" text null, "currency_code" text not null, "total" numeric null, "placed_at" timestamptz not null, "status" text not null, "is_draft_order" boolean not null default false, "order_version" integer not null default 1, "raw_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_order_fact_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_order_fact_order_id_unique" ON "retention_order_fact" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_order_fact_deleted_at" ON "retention_order_fact" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_order_fact_placed_at" ON "retention_order_fact" ("placed_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_order_fact_customer_id_currency_code_placed_at" ON "retention_order_fact" ("customer_id", "currency_code", "placed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_order_fact_sync" ("id" text not null, "key" text not null, "recent_synced_at" timestamptz null, "cursor" text null, "full_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_order_fact_sync_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_order_fact_sync_key_unique" ON "retention_order_fact_sync" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_order_fact_sync_deleted_at" ON "retention_order_fact_sync" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_order_fact" cascade;`);

    this.addSql(`drop table if exists "retention_order_fact_sync" cascade;`);
  }

}
