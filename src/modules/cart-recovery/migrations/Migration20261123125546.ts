import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123125546 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "retention_recovery_tick_lease" ("id" text not null, "holder" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_recovery_tick_lease_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_recovery_tick_lease_deleted_at" ON "retention_recovery_tick_lease" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "retention_recovery_campaign" add column if not exists "quiet_hours" jsonb null;`);

    this.addSql(`drop index if exists "IDX_retention_tracked_cart_status_next_action_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_next_action_at" ON "retention_tracked_cart" ("next_action_at") WHERE status IN ('active', 'abandoned', 'emailed') AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_recovery_tick_lease" cascade;`);

    this.addSql(`alter table if exists "retention_recovery_campaign" drop column if exists "quiet_hours";`);

    this.addSql(`drop index if exists "IDX_retention_tracked_cart_next_action_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_status_next_action_at" ON "retention_tracked_cart" ("status", "next_action_at") WHERE deleted_at IS NULL;`);
  }

}
