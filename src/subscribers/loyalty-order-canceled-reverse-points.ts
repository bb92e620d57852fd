import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOrderPointsWorkflow } from "../workflows/loyalty/reverse-order-points"

/** A canceled order voids its pending points or reverses the available ones (keyed per order). */
export default async function reversePointsOnOrderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  await reverseOrderPointsWorkflow(container).run({
    input: { order_id: event.data.id, fraction: 1, reference: "order", reference_id: event.data.id, note: "order canceled" },
  })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "retention-loyalty-order-canceled" },
}
