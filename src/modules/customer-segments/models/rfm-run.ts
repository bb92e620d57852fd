import { model } from "@medusajs/framework/utils"

// One nightly (or "recompute now") RFM computation. The newest run is what the admin shows;
// the one before it is the baseline for movement between segments.
export const RfmRun = model
  .define("retention_rfm_run", {
    id: model.id({ prefix: "rfmrun" }).primaryKey(),
    computed_at: model.dateTime(),
    // schedule: the nightly job; manual: an admin's "recompute now".
    trigger: model.enum(["schedule", "manual"]),
    // Scored (customer, currency) pairs.
    scored: model.number().default(0),
  })
  .indexes([{ on: ["computed_at"] }])
