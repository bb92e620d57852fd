import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { listOrder } from "../../../../utils/list-order"
import { parseInput } from "../../messages/helpers"
import { cartRecovery } from "../helpers"
import { ListCartsQuery } from "../validators"

// Backslash is Postgres' default LIKE escape; a "%" or "_" typed by the admin is literal.
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)
// Customers whose name matches `q` that are looked at (the picker shows a page of carts anyway).
const NAME_MATCHES = 100

/**
 * Tracked carts, newest activity first (or by `order`: activity, email or value), with the steps sent to each (customer widget, funnel)
 * and the name of the cart's customer. `q` finds carts by part of their email or of their
 * customer's name (the campaign preview's cart picker).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListCartsQuery, req.query, "query")
  const service = cartRecovery(req.scope)
  const filters: Record<string, unknown> = {}
  if (q.campaign_id) filters.campaign_id = q.campaign_id
  if (q.status) filters.status = q.status
  if (q.customer_id) filters.customer_id = q.customer_id
  if (q.email) filters.email = q.email.trim().toLowerCase()
  const customers = req.scope.resolve(Modules.CUSTOMER)
  if (q.q) {
    // Medusa's free-text `q` puts the text into an ILIKE pattern as it is: escaped here too.
    const pattern = escapeLike(q.q.toLowerCase())
    const named = await customers.listCustomers({ q: pattern }, { select: ["id"], take: NAME_MATCHES })
    const email = { email: { $ilike: `%${pattern}%` } }
    filters.$or = named.length ? [email, { customer_id: named.map((c) => c.id) }] : [email]
  }
  const [carts, count] = await service.listAndCountTrackedCarts(filters, {
    // id breaks ties, so pages never overlap.
    order: listOrder(q.order),
    take: q.limit,
    skip: q.offset,
  })
  const customerIds = [...new Set(carts.map((c) => c.customer_id).filter((id): id is string => !!id))]
  const names = customerIds.length
    ? await customers.listCustomers({ id: customerIds }, { select: ["id", "first_name", "last_name"], take: customerIds.length })
    : []
  const nameOf = (id: string | null) => {
    const customer = id ? names.find((c) => c.id === id) : undefined
    return [customer?.first_name, customer?.last_name].filter(Boolean).join(" ") || null
  }
  const sends = carts.length ? await service.listRecoverySends({ cart_id: carts.map((c) => c.cart_id) }, { order: { step: "ASC" } }) : []
  res.json({
    carts: carts.map((c) => ({ ...c, customer_name: nameOf(c.customer_id), sends: sends.filter((s) => s.cart_id === c.cart_id) })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
