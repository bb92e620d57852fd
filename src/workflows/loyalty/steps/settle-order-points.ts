import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"

export const settleOrderPointsStepId = "settle-order-points"

/** Return window over: the order's pending points become available (a repeat finds none). */
export const settleOrderPointsStep = createStep(
  settleOrderPointsStepId,
  async (input: { customer_id: string; order_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const { points } = await loyalty.settlePending({ ...input, to: "available" })
    return new StepResponse({ points })
  }
)
