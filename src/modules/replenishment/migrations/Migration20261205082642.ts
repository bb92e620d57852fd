import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205082642 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_resume" ON "retention_subscription" ("paused_until") WHERE status = 'paused' AND paused_until IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_retention_subscription_resume";`);
  }

}
