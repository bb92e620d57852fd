import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"

export const evaluateCustomerTierStepId = "evaluate-loyalty-tier"

/** Re-evaluates the customer's tier on the rolling 12 months and records a change. */
export const evaluateCustomerTierStep = createStep(
  evaluateCustomerTierStepId,
  async (input: { customer_id: string | null; now?: Date }, { container }) => {
    if (!input.customer_id) return new StepResponse({ changed: false, from: null, to: null, window_points: 0, change_id: null as string | null })
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const settings = await loyalty.getProgram()
    const result = await loyalty.evaluateTier({ customer_id: input.customer_id, settings, now: input.now ? new Date(input.now) : new Date() })
    return new StepResponse(result)
  }
)
