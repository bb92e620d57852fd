import { model } from "@medusajs/framework/utils"

// One row per order of the store: what the analytics read of an order, kept by the plugin so
// the reports range over an index of their own (Medusa's order table has none on created_at,
// and the plugin does not add indexes to Medusa's tables). Written by the order subscribers
// (placed, canceled, edited, returned...) and by the catch-up job, which also backfills a store
// that had orders before the plugin; every write is an upsert of the order's current state, so
// a repeat is harmless. A deleted order's row is removed.
export const OrderFact = model
  .define("retention_order_fact", {
    id: model.id({ prefix: "rof" }).primaryKey(),
    order_id: model.text().unique(),
    customer_id: model.text().nullable(),
    currency_code: model.text(),
    // The order's current total (order_summary's raw_current_order_total of its current
    // version: after edits, returns and refunds), exactly as Medusa stores it; null when the
    // order has no summary (such an order counts in no revenue figure).
    total: model.bigNumber().nullable(),
    // The order's created_at: when it was placed, the date every report ranges over.
    placed_at: model.dateTime(),
    // The order's status and draft flag: canceled and draft orders are no revenue.
    status: model.text(),
    is_draft_order: model.boolean().default(false),
    // The order version the total was read from.
    order_version: model.number().default(1),
  })
  .indexes([
    { on: ["placed_at"] },
    { on: ["customer_id", "currency_code", "placed_at"] },
  ])
