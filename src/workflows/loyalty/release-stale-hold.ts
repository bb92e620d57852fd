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
  const { released } = await loyalty.releaseHold({ ...input, note: "cart not ordered in time; hold released" })
  return new StepResponse({ released })
})

/** An abandoned redemption: code deactivated, held points given back (once: keyed per cart). */
export const releaseStaleHoldWorkflow = createWorkflow(releaseStaleHoldWorkflowId, (input: { customer_id: string; cart_id: string }) => {
  deactivateRedemptionPromotionStep(input)
  return new WorkflowResponse(releaseHoldStep(input))
})
