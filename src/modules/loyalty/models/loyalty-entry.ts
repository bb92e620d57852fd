import { model } from "@medusajs/framework/utils"

export const ENTRY_TYPES = ["earn", "redeem", "hold", "release", "expire", "adjust", "reverse", "bonus"] as const
export type EntryType = (typeof ENTRY_TYPES)[number]
export const ENTRY_STATUSES = ["pending", "available", "void"] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]

// The append-only ledger. Points are signed (credits > 0, debits < 0). Corrections are new
// rows (reverse, adjust); the only change a row ever sees is its status moving
// pending → available (return window passed) or pending → void (order canceled in the window).
// The unique (reference, reference_id, type) key makes every award and debit idempotent: the
// same event delivered twice finds its row and changes nothing.
export const LoyaltyEntry = model
  .define("retention_loyalty_entry", {
    id: model.id({ prefix: "rlent" }).primaryKey(),
    account_id: model.text(),
    customer_id: model.text(),
    type: model.enum([...ENTRY_TYPES]),
    points: model.number(),
    status: model.enum([...ENTRY_STATUSES]),
    // What caused the entry: order, cart, customer, admin, expiry, order_return, refund.
    reference: model.text(),
    reference_id: model.text(),
    // The order the points belong to (earn, bonus, reverse, redeem), for settle and reversal.
    order_id: model.text().nullable(),
    // Pending earn rows become available at this time (the end of the return window).
    available_at: model.dateTime().nullable(),
    // Credits expire at this time (first in, first out against later debits).
    expires_at: model.dateTime().nullable(),
    // Internal note (the admin's reason, a system explanation): admin views only, never the store.
    note: model.text().nullable(),
    // Customer-facing explanation of a manual adjustment: the only text the store history shows.
    reason: model.text().nullable(),
    // Who made the entry: "system" or the admin user id for manual adjustments.
    actor: model.text().default("system"),
    // Order money the points were computed on, for the liability report.
    currency_code: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["reference", "reference_id", "type"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id", "created_at"] },
    { on: ["order_id"] },
    { on: ["status", "available_at"] },
    { on: ["type", "created_at"] },
  ])
