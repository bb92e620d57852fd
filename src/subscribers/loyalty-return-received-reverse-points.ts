import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../modules/loyalty"
import type { LoyaltyModuleService } from "../modules/loyalty"
import { reverseOrderPointsWorkflow } from "../workflows/loyalty/reverse-order-points"

type ReturnRow = { id: string; items?: { received_quantity?: unknown; quantity?: unknown; item_id: string }[] }
type OrderRow = {
  items?: { id: string; unit_price?: unknown; is_tax_inclusive?: boolean | null; tax_lines?: ({ rate?: unknown } | null)[] | null }[]
}

/**
 * A received return takes back the returned items' share of the order's points: the received
 * items' value over the order's item subtotal when it earned (kept on the earn entry, since the
 * order's own totals leave returned items out afterwards). Keyed (order_return, return_id).
 * Counted over all the order's received returns so far, less what returns and refunds already
 * took back: a return whose refund was already reversed takes nothing more.
 */
export default async function reversePointsOnReturnReceived({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const [earn] = await loyalty.listLoyaltyEntries({ order_id: event.data.order_id, type: "earn" }, { take: 1 })
  const gross = Number((earn?.metadata as { gross?: unknown } | null)?.gross ?? 0)
  if (!earn || !(gross > 0)) return
  const [{ data: returns }, { data: orders }] = await Promise.all([
    query.graph({ entity: "return", fields: ["id", "items.item_id", "items.quantity", "items.received_quantity"], filters: { order_id: event.data.order_id } }),
    query.graph({ entity: "order", fields: ["id", "items.id", "items.unit_price", "items.is_tax_inclusive", "items.tax_lines.rate"], filters: { id: event.data.order_id } }),
  ])
  const all = returns as ReturnRow[]
  const order = orders[0] as OrderRow | undefined
  if (!all.some((r) => r.id === event.data.return_id) || !order) return
  // A unit's price on the same footing as `gross` (the item subtotal, without tax): a
  // tax-inclusive unit price carries its tax, which is taken out as Medusa's totals do.
  const unitNet = (i: NonNullable<OrderRow["items"]>[number]) => {
    const price = Number(i.unit_price ?? 0)
    if (!i.is_tax_inclusive) return price
    const rate = (i.tax_lines ?? []).reduce((sum, t) => sum + Number(t?.rate ?? 0), 0)
    return price / (1 + rate / 100)
  }
  const prices = new Map((order.items ?? []).map((i) => [i.id, unitNet(i)]))
  const returned = all.reduce(
    (total, r) =>
      total +
      (r.items ?? []).reduce(
        (sum, i) =>
          sum + Number(i.received_quantity ?? (r.id === event.data.return_id ? i.quantity : 0) ?? 0) * (prices.get(i.item_id) ?? 0),
        0
      ),
    0
  )
  await reverseOrderPointsWorkflow(container).run({
    input: {
      order_id: event.data.order_id,
      fraction: Math.min(1, returned / gross),
      cumulative: true,
      reference: "order_return",
      reference_id: event.data.return_id,
      note: "return received",
    },
  })
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "retention-loyalty-return-received" },
}
