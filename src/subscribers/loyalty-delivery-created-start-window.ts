import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../modules/loyalty"
import type { LoyaltyModuleService } from "../modules/loyalty"

/**
 * Delivery starts the return window: the order's pending points become available N days after
 * it. Idempotent: a repeat sets the same kind of date on rows that are still pending.
 */
export default async function startReturnWindowOnDelivery({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const { data } = await query.graph({ entity: "fulfillment", fields: ["id", "delivered_at", "order.id"], filters: { id: event.data.id } })
  const fulfillment = data[0] as { delivered_at?: string | Date | null; order?: { id: string } | null } | undefined
  if (!fulfillment?.order?.id) return
  const settings = await loyalty.getProgram()
  const deliveredAt = fulfillment.delivered_at ? new Date(fulfillment.delivered_at) : new Date()
  await loyalty.setAvailableAt({
    order_id: fulfillment.order.id,
    available_at: new Date(deliveredAt.getTime() + settings.returnWindowDays * 86400_000),
  })
}

export const config: SubscriberConfig = {
  event: "delivery.created",
  context: { subscriberId: "retention-loyalty-delivery-created" },
}
