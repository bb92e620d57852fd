import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseInput } from "../../messages/helpers"
import { cartRecovery } from "../helpers"
import { ListCartsQuery } from "../validators"

/** Tracked carts, newest activity first, with the steps sent to each (customer widget, funnel). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListCartsQuery, req.query, "query")
  const service = cartRecovery(req.scope)
  const filters: Record<string, unknown> = {}
  if (q.campaign_id) filters.campaign_id = q.campaign_id
  if (q.status) filters.status = q.status
  if (q.customer_id) filters.customer_id = q.customer_id
  if (q.email) filters.email = q.email.trim().toLowerCase()
  const [carts, count] = await service.listAndCountTrackedCarts(filters, {
    order: { last_activity_at: "DESC" },
    take: q.limit,
    skip: q.offset,
  })
  const sends = carts.length ? await service.listRecoverySends({ cart_id: carts.map((c) => c.cart_id) }, { order: { step: "ASC" } }) : []
  res.json({
    carts: carts.map((c) => ({ ...c, sends: sends.filter((s) => s.cart_id === c.cart_id) })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
