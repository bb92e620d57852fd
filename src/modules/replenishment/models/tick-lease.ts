import { model } from "@medusajs/framework/utils"

// One row per scheduler (id = job name): the tick holding an unexpired lease is the only one
// working, as in cart recovery.
export const ReplenishmentTickLease = model.define("retention_replenishment_tick_lease", {
  id: model.text().primaryKey(),
  holder: model.text(),
  expires_at: model.dateTime(),
})
