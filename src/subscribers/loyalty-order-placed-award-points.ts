import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runOnce } from "../lib/run-once"
import { awardOrderPointsWorkflow } from "../workflows/loyalty/award-order-points"

/** order.placed earns pending points and turns a cart's hold into a redemption; once per order. */
export default async function awardPointsOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await runOnce(`loyalty-order-placed:${event.data.id}`, (options) =>
    awardOrderPointsWorkflow(container).run({ input: { order_id: event.data.id }, ...options })
  )
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "retention-loyalty-order-placed" },
}
