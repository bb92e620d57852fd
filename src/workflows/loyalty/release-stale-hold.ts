import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../modules/loyalty"
import type { LoyaltyModuleService } from "../../modules/loyalty"
import { deactivatePointsPromotion, removePointsCodeFromCart } from "./points-discount"
import { settleOrderHold } from "./steps/convert-order-hold"

export const releaseStaleHoldWorkflowId = "retention-loyalty-release-stale-hold"

/**
 * Takes the hold's code off the cart (so the cart no longer shows a discount its completion
 * would refuse) and deactivates it, before the points come back: it cannot be used after.
 */
export const deactivateRedemptionPromotionStep = createStep(
  "deactivate-points-redemption-promotion",
  async (input: { customer_id: string; cart_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const hold = await loyalty.getOpenHold(input.customer_id, input.cart_id)
    if (!hold?.code) return new StepResponse({ promotion_id: null, removed: false })
    const removed = await removePointsCodeFromCart(container, input.cart_id, hold.code)
    const promotionId = await deactivatePointsPromotion(container, hold.code)
    return new StepResponse({ promotion_id: promotionId, removed })
  }
)

export const releaseHoldStep = createStep("release-points-hold", async (input: { customer_id: string; cart_id: string }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  // The cart may have become an order whose order.placed handler has not converted the hold
  // yet (or failed once): then the points were spent as far as the order used the discount.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at", "order.id"], filters: { id: input.cart_id } })
  const cart = data[0] as { completed_at?: unknown; order?: { id?: string } | null } | undefined
  if (cart?.completed_at) {
    const orderId = cart.order?.id
    if (orderId) {
      const { converted, released } = await settleOrderHold(container, { ...input, order_id: orderId })
      return new StepResponse({ released, converted })
    }
    return new StepResponse({ released: 0, converted: 0 })
  }
  const { released } = await loyalty.releaseHold({ ...input, note: "cart not ordered in time; hold released" })
  return new StepResponse({ released, converted: 0 })
})

/** An abandoned redemption: code off the cart and deactivated, held points given back (once: keyed per cart). */
export const releaseStaleHoldWorkflow = createWorkflow(releaseStaleHoldWorkflowId, (input: { customer_id: string; cart_id: string }) => {
  deactivateRedemptionPromotionStep(input)
  return new WorkflowResponse(releaseHoldStep(input))
})
