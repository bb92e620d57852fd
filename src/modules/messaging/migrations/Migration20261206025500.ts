import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206025500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_message" drop constraint if exists "retention_message_topic_check";`);

    this.addSql(`alter table if exists "retention_message" add constraint "retention_message_topic_check" check("topic" in ('cart_recovery', 'lifecycle', 'nps', 'loyalty', 'replenishment', 'system'));`);
    // The welcome, post-purchase and win-back emails went under "cart_recovery" until now: an
    // address that unsubscribed from it stopped them too, so it stays off "lifecycle" as well
    // (current state and log, source "migration"). Only addresses without a lifecycle decision
    // of their own; running it again adds nothing.
    this.addSql(`with added as (
      insert into "retention_consent" ("id", "email", "topic", "status", "source", "recorded_at", "created_at", "updated_at")
      select 'rcon_' || replace(gen_random_uuid()::text, '-', ''), c."email", 'lifecycle', 'revoked', 'migration', now(), now(), now()
      from "retention_consent" c
      where c."topic" = 'cart_recovery' and c."status" = 'revoked' and c."deleted_at" is null
      on conflict ("email", "topic") where "deleted_at" is null do nothing
      returning "email", "recorded_at"
    )
    insert into "retention_consent_log" ("id", "email", "topic", "status", "source", "reference", "note", "recorded_at", "created_at", "updated_at")
    select 'rclg_' || replace(gen_random_uuid()::text, '-', ''), a."email", 'lifecycle', 'revoked', 'migration', null,
      'Unsubscribed from cart_recovery, the topic lifecycle emails were sent under before they had their own', a."recorded_at", now(), now()
    from added a;`);
    // Flow emails not sent yet (waiting on the send policy or a provider retry) are sent again
    // under their row's topic: they move to "lifecycle" with the rest.
    this.addSql(`update "retention_message" set "topic" = 'lifecycle', "updated_at" = now()
      where "topic" = 'cart_recovery' and "status" in ('queued', 'deferred', 'retrying')
        and "template" in ('flow-welcome-1', 'flow-welcome-2', 'flow-welcome-3', 'flow-post-purchase', 'flow-win-back-1', 'flow-win-back-2');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_message" drop constraint if exists "retention_message_topic_check";`);

    this.addSql(`update "retention_message" set "topic" = 'cart_recovery' where "topic" = 'lifecycle';`);
    this.addSql(`alter table if exists "retention_message" add constraint "retention_message_topic_check" check("topic" in ('cart_recovery', 'nps', 'loyalty', 'replenishment', 'system'));`);
  }

}
