import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  createPromotionsWorkflow,
  updateCartPromotionsWorkflow,
  updatePromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import type { RedemptionPlan } from "./check-redemption"

export const createRedemptionPromotionStepId = "create-points-redemption-promotion"

/**
 * The points' money value as a one-off promotion (single use, only for this customer), applied
 * to the cart. Compensation deactivates it, so a failed redemption leaves no usable code.
 */
export const createRedemptionPromotionStep = createStep(
  createRedemptionPromotionStepId,
  async (plan: RedemptionPlan, { container }) => {
    const { result } = await createPromotionsWorkflow(container).run({
      input: {
        promotionsData: [
          {
            code: plan.code,
            type: "standard",
            status: "active",
            is_automatic: false,
            limit: 1,
            application_method: {
              type: "fixed",
              target_type: "order",
              allocation: "across",
              value: plan.amount,
              currency_code: plan.currency_code,
            },
            rules: [{ attribute: "customer.id", operator: "eq", values: [plan.customer_id] }],
            metadata: { source: "retention-loyalty", cart_id: plan.cart_id, points: plan.points },
          },
        ],
      },
    })
    const promotionId = result[0].id
    try {
      await updateCartPromotionsWorkflow(container).run({
        input: { cart_id: plan.cart_id, promo_codes: [plan.code], action: PromotionActions.ADD },
      })
    } catch (error) {
      // A step that throws gets no compensation of its own: deactivate the code here, or it
      // would outlive the hold that the previous step's compensation is about to release.
      await updatePromotionsWorkflow(container).run({ input: { promotionsData: [{ id: promotionId, status: "inactive" }] } })
      throw error
    }
    return new StepResponse({ promotion_id: promotionId, code: plan.code }, { promotion_id: promotionId })
  },
  async (created, { container }) => {
    if (!created) return
    await updatePromotionsWorkflow(container).run({ input: { promotionsData: [{ id: created.promotion_id, status: "inactive" }] } })
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`loyalty: redemption promotion ${created.promotion_id} deactivated`)
  }
)
