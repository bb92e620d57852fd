import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runOnce } from "../lib/run-once"
import { attributeOrderToRecoveryWorkflow } from "../workflows/cart-recovery/attribute-order-to-recovery"

/** An order ends its cart's recovery sequence; one run per order (and the rows guard it too). */
export default async function endCartRecoveryOnOrder({ event, container }: SubscriberArgs<{ id: string }>) {
  await runOnce(`cart-recovery-order:${event.data.id}`, (options) =>
    attributeOrderToRecoveryWorkflow(container).run({ input: { order_id: event.data.id }, ...options })
  )
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "retention-cart-recovery-order-placed" },
}
