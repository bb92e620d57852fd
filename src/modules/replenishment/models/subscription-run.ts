import { model } from "@medusajs/framework/utils"

export const RUN_STATUSES = ["pending", "cart_created", "ordered", "skipped", "failed"] as const

// One renewal period of one subscription. `key` (subscription id + period date) is unique, so
// two ticks, a crash and a retry all land on the same row and the same cart: a period gets at
// most one order.
export const SubscriptionRun = model
  .define("retention_subscription_run", {
    id: model.id({ prefix: "rrun" }).primaryKey(),
    subscription_id: model.text(),
    // `<subscription_id>:<YYYY-MM-DD>` of the period's scheduled date.
    key: model.text(),
    // The period's scheduled date (YYYY-MM-DD, UTC).
    period: model.text(),
    scheduled_for: model.dateTime(),
    status: model.enum([...RUN_STATUSES]).default("pending"),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    // Payment attempts (dunning) and out-of-stock postponements so far.
    attempts: model.number().default(0),
    postponements: model.number().default(0),
    next_retry_at: model.dateTime().nullable(),
    error: model.text().nullable(),
    // Variants left out because they were out of stock.
    unavailable: model.json().nullable(),
    // Who asked for a run outside the schedule ("order now").
    trigger: model.text().default("schedule"),
  })
  .indexes([
    { on: ["key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["subscription_id", "scheduled_for"] },
    { on: ["order_id"] },
    { on: ["cart_id"] },
  ])
