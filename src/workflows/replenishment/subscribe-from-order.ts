import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { RETENTION_MESSAGING_MODULE } from "../../modules/messaging"
import type MessagingModuleService from "../../modules/messaging/service"
import { RETENTION_REPLENISHMENT_MODULE } from "../../modules/replenishment"
import { addInterval, parseInterval } from "../../modules/replenishment/schedule"
import type ReplenishmentModuleService from "../../modules/replenishment/service"

export type SubscribeOutcome = { item_id: string; subscription_id?: string; created?: boolean; refused?: string }

type OrderRow = {
  id: string
  email: string | null
  customer_id: string | null
  region_id: string | null
  sales_channel_id: string | null
  currency_code: string
  created_at: string | Date
  customer?: { has_account?: boolean; metadata?: Record<string, unknown> | null } | null
  shipping_address?: Record<string, unknown> | null
  shipping_methods?: ({ shipping_option_id?: string | null } | null)[] | null
  payment_collections?: ({ payments?: ({ provider_id?: string | null } | null)[] | null } | null)[] | null
  items?: ({ id: string; variant_id: string | null; product_id: string | null; title: string; variant_title: string | null; detail?: { quantity?: unknown } | null; unit_price?: unknown; metadata?: Record<string, unknown> | null } | null)[] | null
}

export const ORDER_FIELDS = [
  "id",
  "email",
  "customer_id",
  "region_id",
  "sales_channel_id",
  "currency_code",
  "created_at",
  "customer.has_account",
  "customer.metadata",
  "shipping_address.*",
  "shipping_methods.shipping_option_id",
  "payment_collections.payments.provider_id",
  "items.id",
  "items.variant_id",
  "items.product_id",
  "items.title",
  "items.variant_title",
  // An order item's quantity lives on its detail row; "items.quantity" alone comes back empty.
  "items.detail.quantity",
  "items.unit_price",
  "items.metadata",
]

export async function loadOrderForSubscription(container: MedusaContainer, orderId: string): Promise<OrderRow | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } })
  return (data[0] as OrderRow | undefined) ?? null
}

/** The interval a line item asks for in `metadata.subscribe`, if any: `{ interval: "4w" }`. */
export function requestedInterval(metadata: unknown): string | null | undefined {
  const subscribe = (metadata as Record<string, unknown> | null | undefined)?.subscribe
  if (subscribe === undefined || subscribe === null || subscribe === false) return undefined
  const interval = (subscribe as Record<string, unknown>)?.interval
  return typeof interval === "string" ? interval : null
}

/**
 * Makes a subscription of one order item, if the customer has an account and the variant's plan
 * allows the interval: the first renewal one interval after the order, at the plan's discount,
 * shipped and paid as the order was. One subscription per (order, item): the module's unique
 * origin makes a repeated event change nothing.
 */
export async function subscribeOrderItem(
  container: MedusaContainer,
  input: { order: OrderRow; item_id: string; interval: string; actor: { type: "customer" | "system"; id?: string | null } }
): Promise<SubscribeOutcome> {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const { order } = input
  const item = (order.items ?? []).find((i) => i?.id === input.item_id)
  if (!item) return { item_id: input.item_id, refused: "item_id: not an item of this order" }
  if (!order.customer_id || !order.customer?.has_account) return { item_id: item.id, refused: "customer: guests cannot subscribe (renewals need an account)" }
  if (!order.email) return { item_id: item.id, refused: "email: the order has no email" }
  if (!item.variant_id || !item.product_id) return { item_id: item.id, refused: "item_id: the item has no product variant" }
  const plan = await service.planForVariant({ product_id: item.product_id, variant_id: item.variant_id })
  if (!plan) return { item_id: item.id, refused: "variant_id: this product has no subscription plan" }
  const allowed = (Array.isArray(plan.intervals) ? plan.intervals : []) as string[]
  if (!parseInterval(input.interval) || !allowed.includes(input.interval)) {
    return { item_id: item.id, refused: `interval: must be one of ${allowed.join(", ")}` }
  }
  const payment = (order.payment_collections ?? []).flatMap((c) => c?.payments ?? []).find((p) => p?.provider_id)?.provider_id
  const result = await service.createSubscription(
    {
      customer_id: order.customer_id,
      email: order.email,
      items: [
        {
          variant_id: item.variant_id,
          product_id: item.product_id,
          quantity: amount(item.detail?.quantity),
          title: item.title,
          variant_title: item.variant_title,
        },
      ],
      interval: input.interval,
      first_run_at: addInterval(new Date(order.created_at), input.interval),
      region_id: String(order.region_id),
      currency_code: order.currency_code,
      sales_channel_id: order.sales_channel_id,
      shipping_address: stripIds(order.shipping_address),
      shipping_option_id: (order.shipping_methods ?? []).find((m) => m?.shipping_option_id)?.shipping_option_id ?? null,
      payment_provider_id: payment ?? "pp_system_default",
      discount_percent: plan.discount_percent ?? null,
      renewal_value: Math.round(amount(item.unit_price) * amount(item.detail?.quantity) * (1 - (plan.discount_percent ?? 0) / 100) * 100) / 100,
      locale: typeof order.customer?.metadata?.locale === "string" ? (order.customer.metadata.locale as string) : null,
      origin_order_id: order.id,
      origin_item_id: item.id,
    },
    input.actor
  )
  if (result.created) {
    // Subscribing asks for the renewal reminders: it grants the "replenishment" topic (recorded
    // in the consent log with the subscription as its reference). The reminder's unsubscribe
    // link revokes it; a repeated event grants nothing again.
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    await messaging.setConsent({ email: order.email, topic: "replenishment", status: "granted", source: "subscription", reference: result.id })
  }
  return { item_id: item.id, subscription_id: result.id, created: result.created }
}

/** Order amounts come back as numbers, strings or BigNumber values depending on the field. */
function amount(value: unknown): number {
  if (value === null || value === undefined) return 0
  const n = MathBN.convert(value as Parameters<typeof MathBN.convert>[0]).toNumber()
  return Number.isFinite(n) ? n : 0
}

function stripIds(address: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const keep = ["first_name", "last_name", "company", "address_1", "address_2", "city", "province", "postal_code", "country_code", "phone"]
  const out: Record<string, unknown> = {}
  for (const k of keep) if (address?.[k] !== undefined && address?.[k] !== null) out[k] = address[k]
  return out
}

/** Every item of a placed order that asks for a subscription becomes one (or is refused and logged). */
export async function subscribeFromOrder(container: MedusaContainer, orderId: string): Promise<SubscribeOutcome[]> {
  const order = await loadOrderForSubscription(container, orderId)
  if (!order) return []
  // A renewal order's items carry no subscribe request; the subscription already exists.
  const outcomes: SubscribeOutcome[] = []
  for (const item of order.items ?? []) {
    if (!item) continue
    const interval = requestedInterval(item.metadata)
    if (interval === undefined) continue
    if (interval === null) {
      outcomes.push({ item_id: item.id, refused: "metadata.subscribe.interval: missing" })
      continue
    }
    outcomes.push(await subscribeOrderItem(container, { order, item_id: item.id, interval, actor: { type: "customer", id: order.customer_id } }))
  }
  return outcomes
}
