import { model } from "@medusajs/framework/utils"

// The flow scheduler's lease, one row (id = the job's name), as the cart-recovery tick's: the
// tick holding an unexpired lease is the only one working; a dead worker's lease runs out.
export const FlowTickLease = model.define("retention_flow_tick_lease", {
  id: model.text().primaryKey(),
  holder: model.text(),
  expires_at: model.dateTime(),
})
