import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"

export const attributeOrderToRecoveryStepId = "attribute-order-to-cart-recovery"

export type OrderAttribution = {
  outcome: "recovered" | "converted" | "untracked" | "already_attributed"
  tracked_cart_id: string | null
  // Carts whose sequence this order ended (their unsent reminders are withdrawn).
  ended_cart_ids: string[]
}

/**
 * An order ends the sequence. If the order's cart, or any cart of the same email, got a
 * recovery email within the campaign's attribution window before the order, the emailed cart
 * is **recovered** and the order's total is credited to that email's step and subject variant
 * (last touch). Otherwise the order's own cart is **converted** without help. Idempotent: a
 * cart that already carries an order is left alone.
 */
export const attributeOrderToRecoveryStep = createStep(
  attributeOrderToRecoveryStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "email", "total", "created_at", "cart.id", "cart.metadata"],
      filters: { id: input.order_id },
    })
    const order = data[0] as
      | { id: string; email: string | null; total: unknown; created_at: unknown; cart?: { id: string; metadata?: Record<string, unknown> | null } | null }
      | undefined
    if (!order) return new StepResponse<OrderAttribution>({ outcome: "untracked", tracked_cart_id: null, ended_cart_ids: [] })
    // A subscription renewal was placed by the plugin, not won back by an email: it is never
    // credited to a recovery, and it does not end the customer's own open carts either.
    if (order.cart?.metadata?.retention_renewal) {
      return new StepResponse<OrderAttribution>({ outcome: "untracked", tracked_cart_id: null, ended_cart_ids: [] })
    }
    const orderedAt = new Date(String(order.created_at))
    const total = Number(order.total ?? 0)
    const email = order.email?.trim().toLowerCase() ?? null
    const cartId = order.cart?.id ?? null
    const ends = { order_id: order.id, order_total: total, ordered_at: orderedAt, next_action_at: null }
    const ended: string[] = []
    const answer = (outcome: OrderAttribution["outcome"], tracked_cart_id: string | null) =>
      new StepResponse<OrderAttribution>({ outcome, tracked_cart_id, ended_cart_ids: ended })

    // Other open carts of the same person that went quiet before this order: their sequence
    // ends too (converted through this order), which also keeps the holdout's numbers current.
    const closeOtherCarts = async (exceptId: string | null) => {
      if (!email) return
      const open = await service.listTrackedCarts({
        email,
        status: ["active", "abandoned", "emailed"],
        order_id: null,
        last_activity_at: { $lte: orderedAt },
      })
      const others = open.filter((c) => c.id !== exceptId)
      if (others.length) {
        await service.updateTrackedCarts(others.map((c) => ({ id: c.id, status: "converted" as const, ...ends })))
        ended.push(...others.map((c) => c.cart_id))
      }
    }

    const [own] = cartId ? await service.listTrackedCarts({ cart_id: cartId }) : []
    if (own?.order_id === order.id) {
      return answer("already_attributed", own.id)
    }

    const or: Record<string, unknown>[] = []
    if (cartId) or.push({ cart_id: cartId })
    if (email) or.push({ email })
    const sends = or.length
      ? await service.listRecoverySends({ $or: or, status: "sent", sent_at: { $lte: orderedAt } }, { order: { sent_at: "DESC" }, take: 20 })
      : []
    const campaignIds = [...new Set(sends.map((s) => s.campaign_id))]
    const campaigns = campaignIds.length ? await service.listRecoveryCampaigns({ id: campaignIds }) : []
    const windowDays = (id: string) => campaigns.find((c) => c.id === id)?.attribution_window_days ?? 7
    const touch = sends.find((s) => s.sent_at && orderedAt.getTime() - new Date(s.sent_at).getTime() <= windowDays(s.campaign_id) * 86400_000)

    if (touch) {
      const [credited] = await service.listTrackedCarts({ cart_id: touch.cart_id })
      if (credited?.order_id === order.id) {
        return answer("already_attributed", credited.id)
      }
      if (credited && !credited.order_id) {
        await service.updateTrackedCarts({
          id: credited.id,
          status: "recovered",
          ...ends,
          recovered_step: touch.step,
          recovered_variant: touch.variant,
        })
        ended.push(credited.cart_id)
        await closeOtherCarts(credited.id)
        return answer("recovered", credited.id)
      }
    }
    if (own && !own.order_id) {
      await service.updateTrackedCarts({ id: own.id, status: "converted", ...ends })
      ended.push(own.cart_id)
      await closeOtherCarts(own.id)
      return answer("converted", own.id)
    }
    await closeOtherCarts(null)
    return answer("untracked", own?.id ?? null)
  }
)
