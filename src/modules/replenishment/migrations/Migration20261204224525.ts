import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204224525 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_subscription" add column if not exists "renewal_value" real null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_subscription" drop column if exists "renewal_value";`);
  }

}
