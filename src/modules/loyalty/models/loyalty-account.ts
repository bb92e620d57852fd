import { model } from "@medusajs/framework/utils"

// One row per customer. The balance columns are a cache of the ledger kept exact by updating
// them in the same transaction as every ledger insert, under `SELECT ... FOR UPDATE` on this
// row: reading a balance is one indexed row lookup however long the history is.
export const LoyaltyAccount = model
  .define("retention_loyalty_account", {
    id: model.id({ prefix: "rlacc" }).primaryKey(),
    customer_id: model.text().unique(),
    // Spendable now (credits minus debits and holds, all with status "available").
    available: model.number().default(0),
    // Earned on orders still inside their return window.
    pending: model.number().default(0),
    // Reserved by a redemption on a cart that has not been ordered yet.
    held: model.number().default(0),
    // Gross points ever credited (earn + bonus + positive adjustments), never reduced.
    lifetime_earned: model.number().default(0),
    // Current tier key from the program settings; null = no tier reached.
    tier: model.text().nullable(),
    tier_changed_at: model.dateTime().nullable(),
  })
  // The admin's member list pages through accounts by a balance, id breaking ties so a page
  // boundary never repeats or skips a member: each index is read in order and the scan stops
  // after one page instead of sorting every member. The tier index serves the tier filter.
  .indexes([
    { on: ["available", "id"] },
    { on: ["pending", "id"] },
    { on: ["lifetime_earned", "id"] },
    { on: ["tier", "id"] },
  ])
