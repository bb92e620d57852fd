import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123064549 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_consent_log" add column if not exists "note" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_consent_log" drop column if exists "note";`);
  }

}
