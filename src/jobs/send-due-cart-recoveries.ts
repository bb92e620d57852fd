import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runSchedulerTick } from "../lib/flow-engine/run-tick"
import { RETENTION_CART_RECOVERY_MODULE } from "../modules/cart-recovery"
import type CartRecoveryModuleService from "../modules/cart-recovery/service"
import { disableExpiredRecoveryPromotionsWorkflow } from "../workflows/cart-recovery/disable-expired-recovery-promotions"
import { processDueRecoveryCartWorkflow } from "../workflows/cart-recovery/process-due-recovery-cart"

export const SEND_DUE_CART_RECOVERIES_JOB = "retention-send-due-cart-recoveries"

/**
 * One cart-recovery tick on the engine's scheduler (runSchedulerTick): the lease on
 * retention_recovery_tick_lease (a second tick at the same moment, in this process or another
 * worker, finds it held and does nothing), the due carts of active campaigns through the partial
 * index on next_action_at, each run through process-due-recovery-cart, which always writes the
 * cart's next action time. A cart whose run throws is put back for 15 minutes. If the worker dies
 * mid-tick, the lease expires and a later tick reads the same due carts again: their email keys
 * keep every step single-send.
 */
export async function sendDueCartRecoveries(container: MedusaContainer, now = new Date()) {
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  return await runSchedulerTick({
    scheduler: service,
    name: SEND_DUE_CART_RECOVERIES_JOB,
    label: "cart recovery",
    batchSize: service.options.cartRecovery.batchSize,
    now,
    logger: container.resolve(ContainerRegistrationKeys.LOGGER),
    processOne: async (id) => {
      const { result } = await processDueRecoveryCartWorkflow(container).run({ input: { tracked_cart_id: id, now } })
      return result.outcome
    },
    disableExpiredCodes: () => disableExpiredRecoveryPromotionsWorkflow(container).run({ input: { now } }),
  })
}

export default async function sendDueCartRecoveriesJob(container: MedusaContainer) {
  await sendDueCartRecoveries(container)
}

export const config = {
  name: SEND_DUE_CART_RECOVERIES_JOB,
  schedule: "* * * * *",
}
