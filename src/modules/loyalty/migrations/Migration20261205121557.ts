import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205121557 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_account_available_id" ON "retention_loyalty_account" ("available", "id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_account_pending_id" ON "retention_loyalty_account" ("pending", "id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_account_lifetime_earned_id" ON "retention_loyalty_account" ("lifetime_earned", "id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_account_tier_id" ON "retention_loyalty_account" ("tier", "id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_retention_loyalty_account_available_id";`);
    this.addSql(`drop index if exists "IDX_retention_loyalty_account_pending_id";`);
    this.addSql(`drop index if exists "IDX_retention_loyalty_account_lifetime_earned_id";`);
    this.addSql(`drop index if exists "IDX_retention_loyalty_account_tier_id";`);
  }

}
