import { model } from "@medusajs/framework/utils"

// Customers and revenue per segment and currency at one run, kept for about a year after the
// run's scores are deleted (only the latest two runs keep their scores): the baseline of
// "movement since last month" is the snapshot nearest to a month before the newest run.
export const RfmSnapshot = model
  .define("retention_rfm_snapshot", {
    id: model.id({ prefix: "rfmsnap" }).primaryKey(),
    run_id: model.text(),
    // The run's computed_at.
    computed_at: model.dateTime(),
    currency_code: model.text(),
    // A key of SEGMENTS (rules.ts).
    segment: model.text(),
    customers: model.number(),
    revenue: model.bigNumber(),
  })
  .indexes([{ on: ["computed_at"] }, { on: ["run_id"] }])
