import { model } from "@medusajs/framework/utils"

// One "running low?" email per customer, variant and predicted cycle: `key` is
// `<customer_id>:<variant_id>:<last order id>`, so a new order starts a new cycle.
export const ReplenishmentPrediction = model
  .define("retention_replenishment_prediction", {
    id: model.id({ prefix: "rpred" }).primaryKey(),
    key: model.text(),
    customer_id: model.text(),
    variant_id: model.text(),
    last_order_id: model.text(),
    predicted_run_out_at: model.dateTime(),
    interval_days: model.number(),
    // Where the interval came from: own_history, plan_default, store_median.
    basis: model.text(),
    message_id: model.text().nullable(),
    // The cart the email's reorder link built, reused while it is not completed.
    cart_id: model.text().nullable(),
  })
  .indexes([{ on: ["key"], unique: true, where: "deleted_at IS NULL" }, { on: ["customer_id"] }])
