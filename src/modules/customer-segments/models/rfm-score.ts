import { model } from "@medusajs/framework/utils"

// A customer's RFM scores in one currency at one run. Quintiles are taken among the customers
// of that currency only, so amounts in different currencies are never compared or added.
export const RfmScore = model
  .define("retention_rfm_score", {
    id: model.id({ prefix: "rfm" }).primaryKey(),
    run_id: model.text(),
    customer_id: model.text(),
    currency_code: model.text(),
    last_order_at: model.dateTime(),
    // Orders to date in this currency (draft and canceled orders excluded).
    orders: model.number(),
    // Revenue to date in this currency, in the currency's main unit (e.g. 12.5 for €12.50).
    revenue: model.bigNumber(),
    // 1 (worst) to 5 (best) quintile scores: r from the last order's date, f from orders,
    // m from revenue; ties share the lower score.
    r: model.number(),
    f: model.number(),
    m: model.number(),
    // A key of SEGMENTS (rules.ts).
    segment: model.text(),
  })
  .indexes([
    { on: ["run_id", "customer_id", "currency_code"], unique: true },
    { on: ["run_id", "currency_code", "segment"] },
  ])
