import { model } from "@medusajs/framework/utils"

// What pruned carts and sends contributed to a campaign's statistics, so the campaign page
// reads the same after the daily job deletes finished sequences. Counters are added in the
// same transaction that deletes the rows they describe. `bucket` says which figures a row holds:
//   "carts"                              tracked … holdout_conversions
//   "sends:<step>:<variant>"             sends, opens, clicks
//   "revenue:<currency>:<step>:<variant>" recoveries, revenue (step/variant "-" when unknown)
export const RecoveryRollup = model
  .define("retention_recovery_rollup", {
    id: model.id({ prefix: "rroll" }).primaryKey(),
    campaign_id: model.text(),
    bucket: model.text(),
    step: model.number().nullable(),
    variant: model.number().nullable(),
    currency_code: model.text().nullable(),
    tracked: model.number().default(0),
    abandoned: model.number().default(0),
    emailed_carts: model.number().default(0),
    holdout_carts: model.number().default(0),
    recoveries: model.number().default(0),
    holdout_conversions: model.number().default(0),
    sends: model.number().default(0),
    opens: model.number().default(0),
    clicks: model.number().default(0),
    // Order totals of recovered carts, in the currency's main unit (as order_total is stored).
    revenue: model.bigNumber().default(0),
  })
  .indexes([{ on: ["campaign_id", "bucket"], unique: true }])
