import { model } from "@medusajs/framework/utils"

// One row per scheduler (id = the job's name): the tick that holds an unexpired lease is the only
// one working. A tick takes it with one conditional upsert and gives it back when done; a worker
// that dies mid-tick hands it on when `expires_at` passes. One row written per tick, however
// many carts are due, instead of a lease on every claimed cart.
export const RecoveryTickLease = model.define("retention_recovery_tick_lease", {
  id: model.text().primaryKey(),
  holder: model.text(),
  expires_at: model.dateTime(),
})
