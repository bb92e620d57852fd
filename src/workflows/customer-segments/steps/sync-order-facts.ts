import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { syncOrderFacts } from "../../../lib/analytics/order-facts"
import type { SqlConnection } from "../../../lib/analytics/overview"
import { RETENTION_SEGMENTS_MODULE, type CustomerSegmentsModuleService } from "../../../modules/customer-segments"

export const syncOrderFactsStepId = "sync-order-facts"

export type SyncOrderFactsInput = { now?: Date | string; full?: boolean; max_batches?: number }

/**
 * The order facts' catch-up (recent orders, and the full pass when due; see syncOrderFacts).
 * The orders never pass through the workflow's checkpoint. Nothing to undo: it only makes the
 * rows describe the orders as they are.
 */
export const syncOrderFactsStep = createStep(syncOrderFactsStepId, async (input: SyncOrderFactsInput, { container }) => {
  const pg = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const segments: CustomerSegmentsModuleService = container.resolve(RETENTION_SEGMENTS_MODULE)
  const now = input.now ? new Date(input.now) : new Date()
  return new StepResponse(await syncOrderFacts({ pg, segments }, { now, full: input.full, maxBatches: input.max_batches }))
})
