import { model } from "@medusajs/framework/utils"

// A customer's tier moved (evaluated on the rolling 12 months); one row per change.
export const LoyaltyTierChange = model
  .define("retention_loyalty_tier_change", {
    id: model.id({ prefix: "rltch" }).primaryKey(),
    customer_id: model.text(),
    from_tier: model.text().nullable(),
    to_tier: model.text().nullable(),
    // Points earned in the rolling window when the change was decided.
    window_points: model.number(),
  })
  .indexes([{ on: ["customer_id", "created_at"] }])
