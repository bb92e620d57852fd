import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205083308 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_recovery_campaign" add column if not exists "priority" integer not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_recovery_campaign" drop column if exists "priority";`);
  }

}
