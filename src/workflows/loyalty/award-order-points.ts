import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { awardOrderPointsStep } from "./steps/award-order-points"
import { composeLoyaltyEmailsStep } from "./steps/compose-loyalty-emails"
import { sendLoyaltyEmailsStep } from "./steps/send-loyalty-emails"
import { convertOrderHoldStep } from "./steps/convert-order-hold"
import { evaluateCustomerTierStep } from "./steps/evaluate-customer-tier"

export const awardOrderPointsWorkflowId = "retention-loyalty-award-order-points"

/** order.placed: points held on the cart become a redemption; the order earns pending points. */
export const awardOrderPointsWorkflow = createWorkflow(
  { name: awardOrderPointsWorkflowId, idempotent: true },
  (input: { order_id: string }) => {
    const hold = convertOrderHoldStep(input)
    const award = awardOrderPointsStep(input)
    const tier = evaluateCustomerTierStep(transform({ award }, ({ award }) => ({ customer_id: award.customer_id })))
    const emails = composeLoyaltyEmailsStep(
      transform({ award, tier, input }, ({ award, tier, input }) => ({
        customer_id: award.customer_id,
        earned: award.created ? { order_id: input.order_id, points: award.points, pending_until: award.pending_until } : undefined,
        tier,
      }))
    )
    sendLoyaltyEmailsStep(emails)
    return new WorkflowResponse(transform({ award, hold, tier }, (d) => ({ ...d.award, redeemed: d.hold?.converted ?? 0, tier: d.tier })))
  }
)
