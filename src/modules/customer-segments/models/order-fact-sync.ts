import { model } from "@medusajs/framework/utils"

// Where the order-fact catch-up stands (one row, key "orders"). The recent pass re-reads the
// orders created since shortly before its last run (order ids are ULIDs, so "created since" is
// a range of the order table's primary key); the full pass walks every order by id in batches,
// resumable from `cursor`, once on install (the backfill) and then once a day.
export const OrderFactSync = model.define("retention_order_fact_sync", {
  id: model.id({ prefix: "rofs" }).primaryKey(),
  key: model.text().unique(),
  // Start of the last recent pass.
  recent_synced_at: model.dateTime().nullable(),
  // The last order id the running full pass has reached; null when none is under way.
  cursor: model.text().nullable(),
  // When the last full pass finished; null until the first backfill is complete.
  full_synced_at: model.dateTime().nullable(),
})
