import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123162401 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_message" add column if not exists "dispatch" text check ("dispatch" in ('direct', 'notification_module')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_message" drop column if exists "dispatch";`);
  }

}
