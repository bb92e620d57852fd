import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { creditFlowOrderStep } from "./steps/credit-flow-order"
import { loadFlowOrderStep } from "./steps/load-flow-order"
import { startFlowEntriesStep } from "./steps/start-flow-entries"
import type { FlowCandidate } from "./utils/start-entries"

export const HANDLE_ORDER_FOR_FLOWS_WORKFLOW = "handle-order-for-flows"

/**
 * `order.placed`: credit and exits first (so the new order's own thank-you is never ended by
 * it), then the post-purchase entry for this order. Renewal orders of subscriptions start
 * nothing and end nothing.
 */
export const handleOrderForFlowsWorkflow = createWorkflow(
  { name: HANDLE_ORDER_FOR_FLOWS_WORKFLOW, idempotent: true },
  (input: { order_id: string }) => {
    const order = loadFlowOrderStep(input)
    const credit = creditFlowOrderStep({ order })
    const started = startFlowEntriesStep(
      transform({ order }, ({ order }) => {
        const candidates: FlowCandidate[] =
          order && !order.is_renewal && order.customer_id && order.email && order.status !== "canceled"
            ? [
                {
                  customer_id: order.customer_id,
                  email: order.email,
                  trigger_key: order.id,
                  at: new Date(order.created_at),
                  currency_code: order.currency_code,
                  context: { order_id: order.id, display_id: order.display_id, currency_code: order.currency_code, product_ids: order.product_ids },
                },
              ]
            : []
        return { kind: "post_purchase" as const, candidates }
      })
    )
    return new WorkflowResponse({ credit, started })
  }
)
