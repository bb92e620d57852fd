import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { trackCartActivityStep } from "./steps/track-cart-activity"

export const TRACK_CART_ACTIVITY_WORKFLOW = "track-cart-activity"

/** A cart changed: (re)start tracking it and move its recovery sequence's clock. */
export const trackCartActivityWorkflow = createWorkflow(TRACK_CART_ACTIVITY_WORKFLOW, (input: { cart_id: string; at: Date }) => {
  const result = trackCartActivityStep(input)
  return new WorkflowResponse(result)
})
