import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ReverseOrderPointsInput, reverseOrderPointsStep } from "./steps/reverse-order-points"

export const reverseOrderPointsWorkflowId = "retention-loyalty-reverse-order-points"

/** order.canceled, a received return or a refund takes back the order's points. */
export const reverseOrderPointsWorkflow = createWorkflow(reverseOrderPointsWorkflowId, (input: ReverseOrderPointsInput) =>
  new WorkflowResponse(reverseOrderPointsStep(input))
)
