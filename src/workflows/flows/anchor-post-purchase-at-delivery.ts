import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { anchorPostPurchaseAtDeliveryStep } from "./steps/anchor-post-purchase-at-delivery"

export const ANCHOR_POST_PURCHASE_AT_DELIVERY_WORKFLOW = "anchor-post-purchase-at-delivery"

/** `delivery.created`: the thank-you's delay counts from the delivery from now on. */
export const anchorPostPurchaseAtDeliveryWorkflow = createWorkflow(
  { name: ANCHOR_POST_PURCHASE_AT_DELIVERY_WORKFLOW, idempotent: true },
  (input: { fulfillment_id: string }) => new WorkflowResponse(anchorPostPurchaseAtDeliveryStep(input))
)
