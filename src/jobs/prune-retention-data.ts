import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../modules/cart-recovery"
import type CartRecoveryModuleService from "../modules/cart-recovery/service"
import { RETENTION_MESSAGING_MODULE } from "../modules/messaging"
import type MessagingModuleService from "../modules/messaging/service"

export const PRUNE_RETENTION_DATA_JOB = "retention-prune-data"

export type PrunePassResult = { done: number; failed: number }
export type PruneResult = { message_bodies: PrunePassResult; sequences: PrunePassResult & { sends: number } }

type Logger = { warn: (message: string) => void }

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * One pass over candidate ids in keyset order, a batch (one short transaction) at a time. A
 * batch that fails is retried id by id, so one bad row is logged and skipped instead of
 * stopping the pass or failing every run from then on; the next run tries it again.
 */
async function pass(
  logger: Logger,
  label: string,
  list: (after: string | null) => Promise<string[]>,
  apply: (ids: string[]) => Promise<number>,
  batchSize: number
): Promise<PrunePassResult> {
  const result = { done: 0, failed: 0 }
  let after: string | null = null
  for (;;) {
    const ids = await list(after)
    if (!ids.length) break
    try {
      result.done += await apply(ids)
    } catch (e) {
      logger.warn(`${label}: a batch of ${ids.length} failed, retrying one by one: ${describe(e)}`)
      for (const id of ids) {
        try {
          result.done += await apply([id])
        } catch (inner) {
          result.failed += 1
          logger.warn(`${label}: ${id} skipped, retried next run: ${describe(inner)}`)
        }
      }
    }
    if (ids.length < batchSize) break
    after = ids[ids.length - 1]
  }
  return result
}

/**
 * Keeps stored data to what a merchant needs (plugin option `retention`): drops email bodies
 * after `messageBodyDays`, and deletes finished cart-recovery sequences `cartRecoveryMarginDays`
 * after their attribution window, folding what they counted into the campaign's rollup.
 * Idempotent: every statement re-checks its conditions, so a second run the same day finds
 * nothing. The two passes are independent; one failing does not stop the other.
 */
export async function pruneRetentionData(container: MedusaContainer, now = new Date()): Promise<PruneResult> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const cartRecovery: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
  // Options are validated at boot by the cart-recovery module; jobs get no plugin options.
  const { messageBodyDays: days, cartRecoveryMarginDays: marginDays, batchSize } = cartRecovery.options.retention

  const failedPass = (label: string) => (e: unknown): PrunePassResult => {
    logger.warn(`${label}: pass failed, retried next run: ${describe(e)}`)
    return { done: 0, failed: 1 }
  }

  const bodies =
    days === null
      ? { done: 0, failed: 0 }
      : await pass(
          logger,
          "retention prune: message bodies",
          (after) => messaging.listMessagesWithOldBodies({ now, days, after, limit: batchSize }),
          (ids) => messaging.dropOldMessageBodies({ now, days, ids }),
          batchSize
        ).catch(failedPass("retention prune: message bodies"))

  let sends = 0
  const sequences = await pass(
    logger,
    "retention prune: cart-recovery sequences",
    (after) => cartRecovery.listPrunableSequences({ now, marginDays, after, limit: batchSize }),
    async (ids) => {
      const r = await cartRecovery.pruneFinishedSequences({ now, marginDays, ids })
      sends += r.sends
      return r.carts
    },
    batchSize
  ).catch(failedPass("retention prune: cart-recovery sequences"))

  return { message_bodies: bodies, sequences: { ...sequences, sends } }
}

export default async function pruneRetentionDataJob(container: MedusaContainer) {
  const result = await pruneRetentionData(container)
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`retention prune: ${JSON.stringify(result)}`)
}

export const config = {
  name: PRUNE_RETENTION_DATA_JOB,
  // 03:15 UTC, away from the loyalty job (00:30) and most stores' peak hours.
  schedule: "15 3 * * *",
}
