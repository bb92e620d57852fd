import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService, NewEntry } from "../../../modules/loyalty"
import { pointsForAmount, tierFor, creditExpiresAt } from "../../../modules/loyalty/program"

export const awardOrderPointsStepId = "award-order-points"

export type AwardOrderPointsResult = {
  customer_id: string | null
  points: number
  created: boolean
  currency_code: string | null
  pending_until: Date | null
}


/**
 * Credits an order's points as pending until the return window ends: the order's item
 * subtotal after discounts, excluding tax and shipping, × the currency's rate × the tier
 * multiplier. Keyed (order, order_id, earn): a second delivery of order.placed inserts nothing.
 * No compensation: the ledger is append-only, and a retried run finds its own rows.
 */
export const awardOrderPointsStep = createStep(
  awardOrderPointsStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "currency_code", "item_subtotal", "total", "discount_subtotal", "created_at", "customer.has_account"],
      filters: { id: input.order_id },
    })
    const order = data[0] as
      | {
          id: string
          customer_id: string | null
          currency_code: string
          item_subtotal: unknown
          total: unknown
          discount_subtotal: unknown
          created_at: string | Date
          customer?: { has_account?: boolean } | null
        }
      | undefined
    const none: AwardOrderPointsResult = { customer_id: null, points: 0, created: false, currency_code: null, pending_until: null }
    // Guests have no account to hold points.
    if (!order?.customer_id || !order.customer?.has_account) return new StepResponse(none)
    const settings = await loyalty.getProgram()
    if (!settings.enabled) return new StepResponse({ ...none, customer_id: order.customer_id })

    const account = await loyalty.getBalance(order.customer_id)
    const tier = settings.tiers.find((t) => t.key === account.tier) ?? tierFor(settings, 0).current
    const base = Math.max(0, Number(order.item_subtotal ?? 0) - Number(order.discount_subtotal ?? 0))
    const points = pointsForAmount(settings, order.currency_code, base, tier?.multiplier ?? 1)
    const placed = new Date(order.created_at)
    const availableAt = new Date(placed.getTime() + settings.returnWindowDays * 86400_000)
    const expiresAt = creditExpiresAt(settings, placed)
    const common = { status: "pending" as const, order_id: order.id, available_at: availableAt, expires_at: expiresAt, currency_code: order.currency_code }
    const entries: NewEntry[] = []
    if (points > 0) {
      entries.push({
        ...common,
        type: "earn",
        points,
        reference: "order",
        reference_id: order.id,
        metadata: {
          base,
          gross: Number(order.item_subtotal ?? 0),
          // Everything the customer paid (items, shipping, tax): a refund is not itemised, so it
          // is measured against this and a shipping refund cannot take back item points.
          paid_total: Number(order.total ?? 0),
          multiplier: tier?.multiplier ?? 1,
        },
      })
    }
    if (settings.firstOrderBonus > 0) {
      const earlier = await loyalty.listLoyaltyEntries({ customer_id: order.customer_id, type: "earn" }, { take: 1 })
      if (!earlier.length || (earlier.length === 1 && earlier[0].reference_id === order.id)) {
        // Keyed per customer: only ever one first-order bonus.
        entries.push({ ...common, type: "bonus", points: settings.firstOrderBonus, reference: "first_order", reference_id: order.customer_id, note: "first order bonus" })
      }
    }
    const { inserted } = await loyalty.recordEntries(order.customer_id, entries)
    return new StepResponse<AwardOrderPointsResult>({
      customer_id: order.customer_id,
      points: inserted.reduce((sum, e) => sum + e.points, 0),
      created: inserted.length > 0,
      currency_code: order.currency_code,
      pending_until: availableAt,
    })
  }
)
