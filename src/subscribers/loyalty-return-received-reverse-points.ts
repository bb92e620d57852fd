import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../modules/loyalty"
import type { LoyaltyModuleService } from "../modules/loyalty"
import { reverseOrderPointsWorkflow } from "../workflows/loyalty/reverse-order-points"

type ReturnRow = { items?: { received_quantity?: unknown; quantity?: unknown; item_id: string }[] }
type OrderRow = { items?: { id: string; unit_price?: unknown }[] }

/**
 * A received return takes back the returned items' share of the order's points: the received
 * items' value over the order's item subtotal when it earned (kept on the earn entry, since the
 * order's own totals leave returned items out afterwards). Keyed (order_return, return_id).
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
    query.graph({ entity: "return", fields: ["id", "items.item_id", "items.quantity", "items.received_quantity"], filters: { id: event.data.return_id } }),
    query.graph({ entity: "order", fields: ["id", "items.id", "items.unit_price"], filters: { id: event.data.order_id } }),
  ])
  const ret = returns[0] as ReturnRow | undefined
  const order = orders[0] as OrderRow | undefined
  if (!ret || !order) return
  const prices = new Map((order.items ?? []).map((i) => [i.id, Number(i.unit_price ?? 0)]))
  const returned = (ret.items ?? []).reduce(
    (sum, i) => sum + Number(i.received_quantity ?? i.quantity ?? 0) * (prices.get(i.item_id) ?? 0),
    0
  )
  await reverseOrderPointsWorkflow(container).run({
    input: {
      order_id: event.data.order_id,
      fraction: returned / gross,
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
