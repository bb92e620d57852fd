import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runOnce } from "../lib/run-once"
import { anchorPostPurchaseAtDeliveryWorkflow } from "../workflows/flows/anchor-post-purchase-at-delivery"

/** A delivery moves the order's thank-you to N days after it (if not sent yet). Once per fulfillment. */
export default async function anchorThankYouAtDelivery({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await runOnce(`flow-delivery:${event.data.id}`, (options) =>
      anchorPostPurchaseAtDeliveryWorkflow(container).run({ input: { fulfillment_id: event.data.id }, ...options })
    )
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`flows: delivery ${event.data.id} not handled: ${e instanceof Error ? e.message : String(e)}`)
  }
}

export const config: SubscriberConfig = {
  event: "delivery.created",
  context: { subscriberId: "retention-flow-delivery-created" },
}
