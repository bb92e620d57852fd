import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runOnce } from "../lib/run-once"
import { handleOrderForFlowsWorkflow } from "../workflows/flows/handle-order-for-flows"

/**
 * An order credits the last flow email, ends welcome and win-back entries, and starts the
 * post-purchase thank-you (renewal orders do none of it). One run per order; every write is
 * guarded by a key too. A failure is logged, never thrown at the order's other subscribers.
 */
export default async function handleOrderForFlows({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await runOnce(`flow-order:${event.data.id}`, (options) =>
      handleOrderForFlowsWorkflow(container).run({ input: { order_id: event.data.id }, ...options })
    )
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`flows: order ${event.data.id} not handled: ${e instanceof Error ? e.message : String(e)}`)
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "retention-flow-order-placed" },
}
