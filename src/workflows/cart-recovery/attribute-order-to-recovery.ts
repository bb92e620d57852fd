import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { attributeOrderToRecoveryStep } from "./steps/attribute-order"

export const ATTRIBUTE_ORDER_TO_RECOVERY_WORKFLOW = "attribute-order-to-cart-recovery"

/** `order.placed`: end the cart's sequence, as recovered (with credit) or converted. */
export const attributeOrderToRecoveryWorkflow = createWorkflow(
  { name: ATTRIBUTE_ORDER_TO_RECOVERY_WORKFLOW, idempotent: true },
  (input: { order_id: string }) => new WorkflowResponse(attributeOrderToRecoveryStep(input))
)
