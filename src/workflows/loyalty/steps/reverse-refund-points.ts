import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"

export const reverseRefundPointsStepId = "reverse-refund-points"

type Refund = { id: string; amount: unknown; created_at: string | Date }
type OrderRow = {
  id: string
  customer_id: string | null
  total?: unknown
  payment_collections?: ({ payments?: ({ refunds?: (Refund | null)[] | null } | null)[] | null } | null)[] | null
}

/**
 * payment.refunded carries only the payment id. The payment leads to its order (payment
 * collection → order link); every refund of that order is taken in order of creation, each
 * reversing the share "all refunds so far ÷ the order's total" of the points earned,
 * less what returns and earlier refunds already took back. Keyed (refund, refund_id, reverse):
 * a redelivered event, or the event of a later refund, leaves the earlier reversals alone.
 */
export const reverseRefundPointsStep = createStep(reverseRefundPointsStepId, async (input: { payment_id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const none = { order_id: null as string | null, points: 0, refunds: 0 }
  const { data: payments } = await query.graph({
    entity: "payment",
    fields: ["id", "payment_collection.order.id"],
    filters: { id: input.payment_id },
  })
  const orderId = (payments[0] as { payment_collection?: { order?: { id?: string } | null } | null } | undefined)?.payment_collection?.order?.id
  if (!orderId) return new StepResponse(none)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "customer_id", "total", "payment_collections.payments.refunds.id", "payment_collections.payments.refunds.amount", "payment_collections.payments.refunds.created_at"],
    filters: { id: orderId },
  })
  const order = orders[0] as OrderRow | undefined
  if (!order?.customer_id) return new StepResponse({ ...none, order_id: orderId })
  const [earn] = await loyalty.listLoyaltyEntries({ order_id: orderId, type: "earn" }, { take: 1 })
  const meta = (earn?.metadata ?? {}) as { paid_total?: unknown }
  // Refunds are not itemised: they are measured against everything paid (items, shipping, tax),
  // so a shipping refund takes back only its share and never item points beyond it. Entries
  // written before paid_total was recorded use the order's total.
  const paid = Number(meta.paid_total ?? 0) > 0 ? Number(meta.paid_total) : Number(order.total ?? 0)
  if (!earn || !(paid > 0)) return new StepResponse({ ...none, order_id: orderId })

  const refunds = (order.payment_collections ?? [])
    .flatMap((c) => c?.payments ?? [])
    .flatMap((p) => p?.refunds ?? [])
    .filter((r): r is Refund => !!r?.id)
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id))
  let refunded = 0
  let points = 0
  for (const refund of refunds) {
    refunded += Number(refund.amount ?? 0)
    const r = await loyalty.reverseOrderPoints({
      customer_id: order.customer_id,
      order_id: orderId,
      fraction: Math.min(1, refunded / paid),
      cumulative: true,
      reference: "refund",
      reference_id: refund.id,
      note: "payment refunded",
    })
    points += r.points
  }
  return new StepResponse({ order_id: orderId, points, refunds: refunds.length })
})
