import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import type FlowsModuleService from "../../../modules/flows/service"

export const anchorPostPurchaseAtDeliveryStepId = "anchor-post-purchase-at-delivery"

/**
 * `delivery.created` carries the fulfillment id only: the order comes through the
 * order–fulfillment link. The order's post-purchase entry, if its first step has not gone yet,
 * then counts its delay from the delivery. A repeat finds the anchor already there.
 */
export const anchorPostPurchaseAtDeliveryStep = createStep(
  anchorPostPurchaseAtDeliveryStepId,
  async (input: { fulfillment_id: string; now?: Date }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "fulfillment",
      fields: ["id", "delivered_at", "order.id"],
      filters: { id: input.fulfillment_id },
    })
    const fulfillment = data[0] as { delivered_at?: string | Date | null; order?: { id: string } | null } | undefined
    if (!fulfillment?.order?.id) return new StepResponse({ order_id: null as string | null, anchored: [] as string[] })
    const now = input.now ? new Date(input.now) : new Date()
    const deliveredAt = fulfillment.delivered_at ? new Date(fulfillment.delivered_at) : now
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    const anchored = await flows.anchorAtDelivery({ order_id: fulfillment.order.id, delivered_at: deliveredAt, now })
    return new StepResponse({ order_id: fulfillment.order.id as string | null, anchored })
  }
)
