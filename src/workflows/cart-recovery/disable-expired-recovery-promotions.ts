import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { disableExpiredRecoveryPromotionsStep } from "./steps/disable-expired-promotions"

/** Deactivates cart-recovery codes past their expiry. */
export const disableExpiredRecoveryPromotionsWorkflow = createWorkflow(
  "disable-expired-cart-recovery-promotions",
  (input: { now: Date }) => new WorkflowResponse(disableExpiredRecoveryPromotionsStep(input))
)
