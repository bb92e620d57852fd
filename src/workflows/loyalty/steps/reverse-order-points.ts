import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import type { ReverseOrderPointsRequest } from "../../../modules/loyalty/service"

export const reverseOrderPointsStepId = "reverse-order-points"

export type ReverseOrderPointsInput = Omit<ReverseOrderPointsRequest, "customer_id">

/** Takes back points of an order; keyed by (reference, reference_id, reverse), so once only. */
export const reverseOrderPointsStep = createStep(reverseOrderPointsStepId, async (input: ReverseOrderPointsInput, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const { data } = await query.graph({ entity: "order", fields: ["id", "customer_id"], filters: { id: input.order_id } })
  const customerId = (data[0] as { customer_id: string | null } | undefined)?.customer_id
  if (!customerId || !(input.fraction > 0)) return new StepResponse({ points: 0 })
  const { points } = await loyalty.reverseOrderPoints({ customer_id: customerId, ...input, fraction: Math.min(1, input.fraction) })
  // A cancel (the whole order) also gives back the points spent on it.
  const restored =
    input.fraction >= 1 && input.reference === "order"
      ? (await loyalty.restoreRedeemedPoints({ customer_id: customerId, order_id: input.order_id })).points
      : 0
  return new StepResponse({ points, restored })
})
