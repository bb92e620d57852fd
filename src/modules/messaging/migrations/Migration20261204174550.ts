import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204174550 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_message" drop constraint if exists "retention_message_status_check";`);

    this.addSql(`alter table if exists "retention_message" add column if not exists "next_attempt_at" timestamptz null, add column if not exists "first_failed_at" timestamptz null;`);
    this.addSql(`alter table if exists "retention_message" add constraint "retention_message_status_check" check("status" in ('queued', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'deferred', 'retrying', 'suppressed', 'failed', 'bounced', 'unknown'));`);
    // Rows deferred before this column existed are due when their deferral ends.
    this.addSql(`update "retention_message" set "next_attempt_at" = "deferred_until" where "status" = 'deferred' and "next_attempt_at" is null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_next_attempt_at" ON "retention_message" ("next_attempt_at") WHERE status IN ('deferred', 'retrying') AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_message" drop constraint if exists "retention_message_status_check";`);

    this.addSql(`drop index if exists "IDX_retention_message_next_attempt_at";`);
    this.addSql(`alter table if exists "retention_message" drop column if exists "next_attempt_at", drop column if exists "first_failed_at";`);

    this.addSql(`alter table if exists "retention_message" add constraint "retention_message_status_check" check("status" in ('queued', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'deferred', 'suppressed', 'failed', 'bounced', 'unknown'));`);
  }

}
