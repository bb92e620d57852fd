import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkRedemptionStep } from "./steps/check-redemption"
import { createRedemptionPromotionStep } from "./steps/create-redemption-promotion"
import { placePointsHoldStep } from "./steps/place-points-hold"
import { releaseReplacedHoldStep } from "./steps/release-replaced-hold"

export const redeemPointsWorkflowId = "retention-loyalty-redeem-points"

/**
 * Store redemption: check → give back an earlier hold whose code was removed from the cart →
 * hold the points → one-off promotion applied to the cart.
 */
export const redeemPointsWorkflow = createWorkflow(
  redeemPointsWorkflowId,
  (input: { customer_id: string; cart_id: string; points: number; now?: Date }) => {
    const plan = checkRedemptionStep(input)
    releaseReplacedHoldStep(plan)
    const hold = placePointsHoldStep(plan)
    const promotion = createRedemptionPromotionStep(plan)
    return new WorkflowResponse(
      transform({ plan, hold, promotion }, ({ plan, hold, promotion }) => ({
        cart_id: plan.cart_id,
        points: plan.points,
        amount: plan.amount,
        currency_code: plan.currency_code,
        code: promotion.code,
        hold_id: hold.hold_id,
        hold_expires_at: plan.hold_expires_at,
      }))
    )
  }
)
