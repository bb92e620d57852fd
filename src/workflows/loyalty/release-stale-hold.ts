import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_LOYALTY_MODULE } from "../../modules/loyalty"
import type { LoyaltyModuleService } from "../../modules/loyalty"
import { redemptionCode } from "./steps/check-redemption"

export const releaseStaleHoldWorkflowId = "retention-loyalty-release-stale-hold"

/** Deactivates the cart's redemption code first, so it cannot be used once the points are back. */
export const deactivateRedemptionPromotionStep = createStep(
  "deactivate-points-redemption-promotion",
  async (input: { cart_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "promotion", fields: ["id", "status"], filters: { code: redemptionCode(input.cart_id) } })
    const promo = data[0] as { id: string; status: string } | undefined
    if (promo && promo.status !== "inactive") {
      await updatePromotionsWorkflow(container).run({ input: { promotionsData: [{ id: promo.id, status: "inactive" }] } })
    }
    return new StepResponse({ promotion_id: promo?.id ?? null })
  }
)

export const releaseHoldStep = createStep("release-points-hold", async (input: { customer_id: string; cart_id: string }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  // The cart may have become an order whose order.placed handler has not converted the hold
  // yet (or failed once): then the points were spent, not abandoned.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at", "order.id"], filters: { id: input.cart_id } })
  const cart = data[0] as { completed_at?: unknown; order?: { id?: string } | null } | undefined
  if (cart?.completed_at) {
    const orderId = cart.order?.id
    if (orderId) {
      const { converted } = await loyalty.convertHold({ ...input, order_id: orderId })
      return new StepResponse({ released: 0, converted })
    }
    return new StepResponse({ released: 0, converted: 0 })
  }
  const { released } = await loyalty.releaseHold({ ...input, note: "cart not ordered in time; hold released" })
  return new StepResponse({ released, converted: 0 })
})

/** An abandoned redemption: code deactivated, held points given back (once: keyed per cart). */
export const releaseStaleHoldWorkflow = createWorkflow(releaseStaleHoldWorkflowId, (input: { customer_id: string; cart_id: string }) => {
  deactivateRedemptionPromotionStep(input)
  return new WorkflowResponse(releaseHoldStep(input))
})
