import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderFacts } from "../../../lib/analytics/order-facts"
import type { SqlConnection } from "../../../lib/analytics/overview"
import { RETENTION_SEGMENTS_MODULE, type CustomerSegmentsModuleService } from "../../../modules/customer-segments"

export const recordOrderFactsStepId = "record-order-facts"

/**
 * Copies the orders' current state into their fact rows (read-only SQL on the shared
 * connection; the segments module writes). Nothing to undo: the rows describe the orders as
 * they are, and a repeat writes the same.
 */
export const recordOrderFactsStep = createStep(recordOrderFactsStepId, async (input: { order_ids: string[] }, { container }) => {
  const pg = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const segments: CustomerSegmentsModuleService = container.resolve(RETENTION_SEGMENTS_MODULE)
  return new StepResponse(await recordOrderFacts({ pg, segments }, input.order_ids))
})
