import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { disableExpiredFlowPromotionsStep } from "./steps/disable-expired-flow-promotions"

export const DISABLE_EXPIRED_FLOW_PROMOTIONS_WORKFLOW = "disable-expired-flow-promotions"

/** Each tick: flow codes past their expiry are switched off. */
export const disableExpiredFlowPromotionsWorkflow = createWorkflow(DISABLE_EXPIRED_FLOW_PROMOTIONS_WORKFLOW, (input: { now: Date }) =>
  new WorkflowResponse(disableExpiredFlowPromotionsStep(input))
)
