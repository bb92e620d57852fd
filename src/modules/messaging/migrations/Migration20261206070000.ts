import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Flow emails already sent under "cart_recovery" (before lifecycle mail had its own topic) move
 * to "lifecycle" too. The topic is what the deliverability guard judges: a spam report on an old
 * welcome email counted against cart recovery's complaint rate and could pause cart emails, and
 * the message log's topic filter listed those emails under cart recovery. Their unsubscribe
 * links keep working (the route reads the message's template). Running it again changes nothing.
 */
export class Migration20261206070000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`update "retention_message" set "topic" = 'lifecycle', "updated_at" = now()
      where "topic" = 'cart_recovery'
        and "template" in ('flow-welcome-1', 'flow-welcome-2', 'flow-welcome-3', 'flow-post-purchase', 'flow-win-back-1', 'flow-win-back-2');`);
  }

  override async down(): Promise<void> {
    // Migration20261206025500's down puts every lifecycle row back under cart_recovery.
  }

}
