import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204174436 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_loyalty_entry" add column if not exists "reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_loyalty_entry" drop column if exists "reason";`);
  }

}
