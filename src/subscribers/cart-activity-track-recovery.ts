import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { trackCartActivityWorkflow } from "../workflows/cart-recovery/track-cart-activity"

/**
 * Every cart change (items, email, customer) is activity for abandoned-cart recovery. The
 * workflow reads the live cart, so the payload only needs the id, and a duplicate delivery
 * lands the tracking row in the same place.
 */
export default async function trackCartRecoveryActivity({ event, container }: SubscriberArgs<{ id: string }>) {
  await trackCartActivityWorkflow(container).run({ input: { cart_id: event.data.id, at: new Date() } })
}

export const config: SubscriberConfig = {
  event: ["cart.created", "cart.updated", "cart.customer_updated", "cart.customer_transferred"],
  context: { subscriberId: "retention-cart-recovery-track-activity" },
}
