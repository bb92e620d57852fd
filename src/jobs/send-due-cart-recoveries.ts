import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../modules/cart-recovery"
import type CartRecoveryModuleService from "../modules/cart-recovery/service"
import { disableExpiredRecoveryPromotionsWorkflow } from "../workflows/cart-recovery/disable-expired-recovery-promotions"
import { processDueRecoveryCartWorkflow } from "../workflows/cart-recovery/process-due-recovery-cart"

export const SEND_DUE_CART_RECOVERIES_JOB = "retention-send-due-cart-recoveries"

// A claimed cart is leased for this long: a worker that dies mid-tick hands it back after.
const LEASE_SECONDS = 15 * 60

/**
 * One scheduler tick: claims the due carts (only rows whose next action is due, through the
 * (status, next_action_at) index, leased so a second worker ticking at the same moment takes
 * others) and runs each through the workflow. A cart that fails is retried when its lease runs
 * out; its email key keeps it single-send.
 */
export async function sendDueCartRecoveries(container: MedusaContainer, now = new Date()) {
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const ids = await service.claimDueCarts({ now, limit: service.options.cartRecovery.batchSize, leaseSeconds: LEASE_SECONDS })
  const outcomes: string[] = []
  for (const id of ids) {
    try {
      const { result } = await processDueRecoveryCartWorkflow(container).run({ input: { tracked_cart_id: id, now } })
      outcomes.push(result.outcome)
    } catch (e) {
      logger.warn(`cart recovery: ${id} failed, retried after its lease: ${e instanceof Error ? e.message : String(e)}`)
      outcomes.push("error")
    }
  }
  try {
    await disableExpiredRecoveryPromotionsWorkflow(container).run({ input: { now } })
  } catch (e) {
    logger.warn(`cart recovery: expired codes not deactivated, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
  }
  return { claimed: ids.length, outcomes }
}

export default async function sendDueCartRecoveriesJob(container: MedusaContainer) {
  await sendDueCartRecoveries(container)
}

export const config = {
  name: SEND_DUE_CART_RECOVERIES_JOB,
  schedule: "* * * * *",
}
