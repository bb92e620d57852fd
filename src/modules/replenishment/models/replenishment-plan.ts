import { model } from "@medusajs/framework/utils"

// What a product (or one of its variants) offers as a subscription. One active plan per
// product and variant; a variant's own plan wins over its product's.
export const ReplenishmentPlan = model
  .define("retention_replenishment_plan", {
    id: model.id({ prefix: "rplan" }).primaryKey(),
    product_id: model.text(),
    // Null: the plan covers every variant of the product.
    variant_id: model.text().nullable(),
    // Allowed intervals as codes: "14d", "2w", "4w", "1m" (days, weeks, months).
    intervals: model.json(),
    default_interval: model.text(),
    // Subscribe-and-save percentage off each subscribed item (renewals and the first order).
    discount_percent: model.number().nullable(),
    // Orders a subscriber commits to before cancelling keeps the discount; 0 = no lock-in.
    // Cancelling is always possible online; the count is shown to the shopper before they subscribe.
    min_orders: model.number().default(0),
    active: model.boolean().default(true),
  })
  .indexes([{ on: ["product_id", "variant_id"], unique: true, where: "deleted_at IS NULL" }])
