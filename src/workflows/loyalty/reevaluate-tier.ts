import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { composeLoyaltyEmailsStep } from "./steps/compose-loyalty-emails"
import { evaluateCustomerTierStep } from "./steps/evaluate-customer-tier"
import { sendLoyaltyEmailsStep } from "./steps/send-loyalty-emails"

export const reevaluateTierWorkflowId = "retention-loyalty-reevaluate-tier"

/**
 * The daily tier pass for one customer: the tier on the rolling 12 months at `now`, a recorded
 * change if it moved, and the tier email only when it rose (a drop is recorded, not emailed).
 * A second run finds the tier already right and changes nothing.
 */
export const reevaluateTierWorkflow = createWorkflow(reevaluateTierWorkflowId, (input: { customer_id: string; now?: Date }) => {
  const tier = evaluateCustomerTierStep(input)
  const emails = composeLoyaltyEmailsStep(transform({ tier, input }, ({ tier, input }) => ({ customer_id: input.customer_id, tier })))
  sendLoyaltyEmailsStep(emails)
  return new WorkflowResponse(tier)
})
