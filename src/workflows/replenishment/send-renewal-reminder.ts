import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../../modules/replenishment"
import { periodOf } from "../../modules/replenishment/schedule"
import type ReplenishmentModuleService from "../../modules/replenishment/service"
import type { SubscriptionItem } from "../../modules/replenishment/service"
import { emailItems, sendSubscriptionEmail } from "./send-subscription-emails"

/**
 * The reminder before a renewal: items at today's prices minus the subscribe-and-save discount
 * (an estimate: shipping and taxes are settled on the order), with signed skip, pause and manage
 * links. One per period: the email key is the period's run key, and the subscription remembers
 * the period it reminded.
 */
export async function sendRenewalReminder(container: MedusaContainer, input: { subscription_id: string; now?: Date }) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const now = input.now ?? new Date()
  const sub = await service.retrieveSubscription(input.subscription_id)
  if (sub.status !== "active") return { sent: false, reason: sub.status }
  const period = periodOf(new Date(sub.period_at))
  const items = (Array.isArray(sub.items) ? sub.items : []) as SubscriptionItem[]
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "thumbnail", "product.thumbnail", "calculated_price.calculated_amount"],
    filters: { id: items.map((i) => i.variant_id) },
    context: { calculated_price: QueryContext({ currency_code: sub.currency_code, region_id: sub.region_id }) },
  })
  const byId = new Map((variants as Record<string, any>[]).map((v) => [v.id, v]))
  const share = 1 - (sub.discount_percent ?? 0) / 100
  let discountTotal = 0
  const lines = emailItems(items).map((line, i) => {
    const variant = byId.get(items[i].variant_id)
    const unit = Number(variant?.calculated_price?.calculated_amount ?? 0)
    const full = unit * line.quantity
    discountTotal += full - full * share
    return { ...line, total: Math.round(full * share * 100) / 100, imageUrl: variant?.thumbnail ?? variant?.product?.thumbnail ?? undefined }
  })
  const total = lines.reduce((s, l) => s + l.total, 0)
  const { data: customers } = await query.graph({ entity: "customer", fields: ["first_name"], filters: { id: sub.customer_id } })
  const result = await sendSubscriptionEmail(container, {
    key: `replenishment:reminder:${sub.id}:${period}`,
    template: "replenishment-reminder",
    subscription: {
      id: sub.id,
      customer_id: sub.customer_id,
      email: sub.email,
      locale: sub.locale ?? null,
      shipping_address: sub.shipping_address as Record<string, unknown>,
      items,
    },
    customerName: (customers[0] as { first_name?: string } | undefined)?.first_name,
    data: {
      renewalDate: new Date(sub.period_at).toISOString(),
      items: lines,
      currency: sub.currency_code,
      total: Math.round(total * 100) / 100,
      discountTotal: Math.round(discountTotal * 100) / 100,
      skipUrl: service.actionUrl(sub.id, "skip", period, now),
      pauseUrl: service.actionUrl(sub.id, "pause", period, now),
    },
  })
  await service.updateSubscriptions({ id: sub.id, reminded_period: period })
  return { sent: result?.status === "sent", reason: result?.status ?? null }
}
