import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { deactivatePointsPromotion } from "../points-discount"
import type { RedemptionPlan } from "./check-redemption"

export const releaseReplacedHoldStepId = "release-replaced-points-hold"

/**
 * A redemption made again on a cart whose earlier points code the customer removed: the
 * earlier code is deactivated and its hold given back first. No compensation: the customer
 * took that discount off the cart, so its points are theirs again even if the new one fails.
 */
export const releaseReplacedHoldStep = createStep(releaseReplacedHoldStepId, async (plan: RedemptionPlan, { container }) => {
  if (!plan.replaces) return new StepResponse({ released: 0 })
  if (plan.replaces.code) await deactivatePointsPromotion(container, plan.replaces.code)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const { released } = await loyalty.releaseHold({
    customer_id: plan.customer_id,
    cart_id: plan.cart_id,
    note: "points code removed from the cart; hold released before redeeming again",
  })
  return new StepResponse({ released })
})
