import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import { flowSubjectId } from "../../../modules/flows/engine"
import type FlowsModuleService from "../../../modules/flows/service"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { FlowOrder } from "../utils/load-order"

export const creditFlowOrderStepId = "credit-order-to-flows"

export type FlowOrderCredit = {
  attributed: { send_id: string; flow_id: string; step: number } | null
  conversions: number
  exited: string[]
  withdrawn: number
}

/**
 * `order.placed` for the flows: credit the order to the customer's last flow email within the
 * window (last touch), mark the entries it converts (holdout lift), end the entries of flows
 * that exit on an order (welcome, win-back) and withdraw their emails still waiting for quiet
 * hours or a retry. A renewal order was placed by the plugin, not by an email: it does none of
 * this. Every write is guarded (one credit per order, first conversion, active entries only), so
 * a repeat changes nothing; nothing to undo.
 */
export const creditFlowOrderStep = createStep(
  creditFlowOrderStepId,
  async (input: { order: FlowOrder | null }, { container }) => {
    const order = input.order
    const none: FlowOrderCredit = { attributed: null, conversions: 0, exited: [], withdrawn: 0 }
    if (!order || order.is_renewal || !order.customer_id) return new StepResponse(none)
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    const orderedAt = new Date(order.created_at)
    const facts = { customer_id: order.customer_id, order_id: order.id, ordered_at: orderedAt }
    const attributed = await flows.attributeOrder({ ...facts, total: order.total, currency_code: order.currency_code })
    const conversions = await flows.recordConversions(facts)
    const exited = await flows.exitOnOrder(facts)
    let withdrawn = 0
    if (exited.length) {
      const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
      withdrawn = await messaging.withdrawPendingMessages(
        exited.map((e) => `flow:${e.flow_id}:${flowSubjectId(e.kind, e.customer_id, e.trigger_key)}:`),
        "sequence_ended"
      )
    }
    return new StepResponse<FlowOrderCredit>({ attributed, conversions, exited: exited.map((e) => e.id), withdrawn })
  }
)
