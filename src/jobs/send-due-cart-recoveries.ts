import { randomUUID } from "crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../modules/cart-recovery"
import type CartRecoveryModuleService from "../modules/cart-recovery/service"
import { disableExpiredRecoveryPromotionsWorkflow } from "../workflows/cart-recovery/disable-expired-recovery-promotions"
import { processDueRecoveryCartWorkflow } from "../workflows/cart-recovery/process-due-recovery-cart"

export const SEND_DUE_CART_RECOVERIES_JOB = "retention-send-due-cart-recoveries"

// The tick's lease: a worker that dies mid-tick hands the scheduler on after this long.
const LEASE_SECONDS = 15 * 60
// A tick stops taking new carts after this long, well inside its lease; the rest wait a minute.
const TICK_BUDGET_MS = 10 * 60_000
// A cart whose run threw (not a send failure, which the workflow counts) is looked at again after this.
const ERROR_RETRY_MS = 15 * 60_000

/**
 * One scheduler tick. It takes the scheduler's lease (one row; a second tick at the same moment,
 * in this process or another worker, finds it held and does nothing), reads the due carts of
 * active campaigns through the partial index on next_action_at, and runs each through the
 * workflow, which always writes the cart's next action time. A cart whose run throws is put back
 * for 15 minutes. If the worker dies mid-tick, the lease expires and a later tick reads the same
 * due carts again: their email keys keep every step single-send.
 */
export async function sendDueCartRecoveries(container: MedusaContainer, now = new Date()) {
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const holder = `${process.pid}:${randomUUID()}`
  const ids = await service.startTick({
    name: SEND_DUE_CART_RECOVERIES_JOB,
    holder,
    leaseSeconds: LEASE_SECONDS,
    now,
    limit: service.options.cartRecovery.batchSize,
  })
  if (!ids) return { claimed: 0, outcomes: [] as string[], skipped: "another tick holds the lease" as const }
  const started = Date.now()
  const outcomes: string[] = []
  try {
    for (const id of ids) {
      if (Date.now() - started > TICK_BUDGET_MS) break
      try {
        const { result } = await processDueRecoveryCartWorkflow(container).run({ input: { tracked_cart_id: id, now } })
        outcomes.push(result.outcome)
      } catch (e) {
        logger.warn(`cart recovery: ${id} failed, retried in 15 minutes: ${e instanceof Error ? e.message : String(e)}`)
        outcomes.push("error")
        await service
          .postponeIfStillDue({ id, dueAt: now, until: new Date(Math.max(now.getTime(), Date.now()) + ERROR_RETRY_MS) })
          .catch(() => undefined)
      }
    }
    try {
      await disableExpiredRecoveryPromotionsWorkflow(container).run({ input: { now } })
    } catch (e) {
      logger.warn(`cart recovery: expired codes not deactivated, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
    }
    return { claimed: outcomes.length, outcomes }
  } finally {
    await service.endTick({ name: SEND_DUE_CART_RECOVERIES_JOB, holder })
  }
}

export default async function sendDueCartRecoveriesJob(container: MedusaContainer) {
  await sendDueCartRecoveries(container)
}

export const config = {
  name: SEND_DUE_CART_RECOVERIES_JOB,
  schedule: "* * * * *",
}
