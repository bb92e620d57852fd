import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderFactsStep } from "./steps/record-order-facts"

export const recordOrderFactsWorkflowId = "retention-record-order-facts"

/** Brings the orders' fact rows up to date (an order placed, canceled, edited, returned...). */
export const recordOrderFactsWorkflow = createWorkflow(recordOrderFactsWorkflowId, (input: { order_ids: string[] }) =>
  new WorkflowResponse(recordOrderFactsStep(input))
)
