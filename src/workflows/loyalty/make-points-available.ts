import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { composeLoyaltyEmailsStep } from "./steps/compose-loyalty-emails"
import { sendLoyaltyEmailsStep } from "./steps/send-loyalty-emails"
import { settleOrderPointsStep } from "./steps/settle-order-points"

export const makePointsAvailableWorkflowId = "retention-loyalty-make-points-available"

/** Return window over: pending points become available, and the customer is told. */
export const makePointsAvailableWorkflow = createWorkflow(
  makePointsAvailableWorkflowId,
  (input: { customer_id: string; order_id: string }) => {
    const settled = settleOrderPointsStep(input)
    const emails = composeLoyaltyEmailsStep(
      transform({ settled, input }, ({ settled, input }) => ({
        customer_id: input.customer_id,
        available: { order_id: input.order_id, points: settled.points },
      }))
    )
    sendLoyaltyEmailsStep(emails)
    return new WorkflowResponse(settled)
  }
)
