import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123074834 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_loyalty_program" drop constraint if exists "retention_loyalty_program_key_unique";`);
    this.addSql(`alter table if exists "retention_loyalty_entry" drop constraint if exists "retention_loyalty_entry_reference_reference_id_type_unique";`);
    this.addSql(`alter table if exists "retention_loyalty_account" drop constraint if exists "retention_loyalty_account_customer_id_unique";`);
    this.addSql(`create table if not exists "retention_loyalty_account" ("id" text not null, "customer_id" text not null, "available" integer not null default 0, "pending" integer not null default 0, "held" integer not null default 0, "lifetime_earned" integer not null default 0, "tier" text null, "tier_changed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_loyalty_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_loyalty_account_customer_id_unique" ON "retention_loyalty_account" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_account_deleted_at" ON "retention_loyalty_account" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_loyalty_entry" ("id" text not null, "account_id" text not null, "customer_id" text not null, "type" text check ("type" in ('earn', 'redeem', 'hold', 'release', 'expire', 'adjust', 'reverse', 'bonus')) not null, "points" integer not null, "status" text check ("status" in ('pending', 'available', 'void')) not null, "reference" text not null, "reference_id" text not null, "order_id" text null, "available_at" timestamptz null, "expires_at" timestamptz null, "note" text null, "actor" text not null default 'system', "currency_code" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_loyalty_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_entry_deleted_at" ON "retention_loyalty_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_loyalty_entry_reference_reference_id_type_unique" ON "retention_loyalty_entry" ("reference", "reference_id", "type") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_entry_customer_id_created_at" ON "retention_loyalty_entry" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_entry_order_id" ON "retention_loyalty_entry" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_entry_status_available_at" ON "retention_loyalty_entry" ("status", "available_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_entry_type_created_at" ON "retention_loyalty_entry" ("type", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_loyalty_program" ("id" text not null, "key" text not null, "settings" jsonb not null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_loyalty_program_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_loyalty_program_key_unique" ON "retention_loyalty_program" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_program_deleted_at" ON "retention_loyalty_program" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_loyalty_tier_change" ("id" text not null, "customer_id" text not null, "from_tier" text null, "to_tier" text null, "window_points" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_loyalty_tier_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_tier_change_deleted_at" ON "retention_loyalty_tier_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_tier_change_customer_id_created_at" ON "retention_loyalty_tier_change" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_loyalty_account" cascade;`);

    this.addSql(`drop table if exists "retention_loyalty_entry" cascade;`);

    this.addSql(`drop table if exists "retention_loyalty_program" cascade;`);

    this.addSql(`drop table if exists "retention_loyalty_tier_change" cascade;`);
  }

}
