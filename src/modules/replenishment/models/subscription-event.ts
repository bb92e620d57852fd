import { model } from "@medusajs/framework/utils"

// The subscription's change history: who (customer, admin user, system), what, when. Append-only.
export const SubscriptionEvent = model
  .define("retention_subscription_event", {
    id: model.id({ prefix: "rsev" }).primaryKey(),
    subscription_id: model.text(),
    actor_type: model.enum(["customer", "admin", "system"]),
    actor_id: model.text().nullable(),
    // created, interval_changed, items_changed, address_changed, skipped, paused, resumed,
    // canceled, renewed, payment_failed, run_now, …
    action: model.text(),
    detail: model.json().nullable(),
  })
  .indexes([{ on: ["subscription_id", "created_at"] }])
