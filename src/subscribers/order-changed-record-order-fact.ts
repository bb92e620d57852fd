import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordOrderFactsWorkflow } from "../workflows/customer-segments/record-order-facts"

/**
 * Every event that can change what the analytics read of an order (placed, canceled, its total
 * after an edit, return, claim or exchange, its customer) re-reads the order into its fact row.
 * The row is the order's current state, so a duplicate or late delivery writes the same; a lost
 * one is caught up by the `retention-sync-order-facts` job.
 */
export default async function recordOrderFact({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) return
  await recordOrderFactsWorkflow(container).run({ input: { order_ids: [orderId] } })
}

export const config: SubscriberConfig = {
  event: [
    "order.placed",
    "order.canceled",
    "order.updated",
    "order.return_received",
    "order.claim_created",
    "order.exchange_created",
    "order-edit.confirmed",
  ],
  context: { subscriberId: "retention-analytics-order-fact" },
}
