import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reverseRefundPointsStep } from "./steps/reverse-refund-points"

export const reverseRefundPointsWorkflowId = "retention-loyalty-reverse-refund-points"

/** payment.refunded: takes back the refunded share of the order's points, once per refund. */
export const reverseRefundPointsWorkflow = createWorkflow(reverseRefundPointsWorkflowId, (input: { payment_id: string }) =>
  new WorkflowResponse(reverseRefundPointsStep(input))
)
