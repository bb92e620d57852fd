import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { attributeOrderToRecoveryStep } from "./steps/attribute-order"
import { withdrawPendingRecoveryEmailsStep } from "./steps/withdraw-pending-recovery-emails"

export const ATTRIBUTE_ORDER_TO_RECOVERY_WORKFLOW = "attribute-order-to-cart-recovery"

/**
 * `order.placed`: end the cart's sequence, as recovered (with credit) or converted, and withdraw
 * the ended carts' reminders that were still waiting to go out.
 */
export const attributeOrderToRecoveryWorkflow = createWorkflow(
  { name: ATTRIBUTE_ORDER_TO_RECOVERY_WORKFLOW, idempotent: true },
  (input: { order_id: string }) => {
    const attribution = attributeOrderToRecoveryStep(input)
    withdrawPendingRecoveryEmailsStep(transform({ attribution }, ({ attribution }) => ({ cart_ids: attribution.ended_cart_ids })))
    return new WorkflowResponse(attribution)
  }
)
