import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import type { RedemptionPlan } from "./check-redemption"

export const placePointsHoldStepId = "place-points-hold"

/**
 * Reserves the points under the account lock (NOT_ALLOWED if they are no longer there — the
 * concurrent-request guard). One hold per cart: a second redemption on the same cart is refused.
 * Compensation releases the hold, so a failure later in the workflow gives the points back.
 */
export const placePointsHoldStep = createStep(
  placePointsHoldStepId,
  async (plan: RedemptionPlan, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const { inserted } = await loyalty.recordEntries(plan.customer_id, [
      {
        type: "hold",
        points: -plan.points,
        status: "available",
        reference: "cart",
        reference_id: plan.key,
        expires_at: plan.hold_expires_at,
        currency_code: plan.currency_code,
        metadata: { code: plan.code, amount: plan.amount },
      },
    ])
    if (!inserted.length) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, "cart_id: points were already redeemed on this cart")
    }
    return new StepResponse({ hold_id: inserted[0].id }, { customer_id: plan.customer_id, cart_id: plan.cart_id })
  },
  async (placed, { container }) => {
    if (!placed) return
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    await loyalty.releaseHold({ ...placed, note: "redemption failed; hold released" })
  }
)
