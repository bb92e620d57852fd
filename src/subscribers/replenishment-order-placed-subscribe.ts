import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { subscribeFromOrder } from "../workflows/replenishment/subscribe-from-order"

/**
 * Items bought with `metadata.subscribe = { interval }` become subscriptions. A repeated event
 * finds the (order, item) subscription already there and changes nothing.
 */
export default async function subscribeFromPlacedOrder({ event, container }: SubscriberArgs<{ id: string }>) {
  const outcomes = await subscribeFromOrder(container, event.data.id)
  const refused = outcomes.filter((o) => o.refused)
  if (refused.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`replenishment: order ${event.data.id}: no subscription for ${refused.map((o) => `${o.item_id} (${o.refused})`).join(", ")}`)
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "retention-replenishment-order-placed" },
}
