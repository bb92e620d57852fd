import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type FlowOrder = {
  id: string
  display_id: number | null
  email: string | null
  customer_id: string | null
  currency_code: string
  total: number
  status: string
  created_at: Date
  // Placed by the plugin's own subscription renewal (the renewal cart's metadata says so).
  is_renewal: boolean
  product_ids: string[]
}

/** The order facts the flows read (attribution, post-purchase, exits); null when it is gone. */
export async function loadFlowOrder(container: Pick<MedusaContainer, "resolve">, orderId: string): Promise<FlowOrder | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "customer_id", "currency_code", "total", "status", "created_at", "cart.metadata", "items.product_id"],
    filters: { id: orderId },
  })
  const o = data[0] as
    | {
        id: string
        display_id?: number | null
        email?: string | null
        customer_id?: string | null
        currency_code: string
        total?: unknown
        status?: string
        created_at: string | Date
        cart?: { metadata?: Record<string, unknown> | null } | null
        items?: ({ product_id?: string | null } | null)[] | null
      }
    | undefined
  if (!o) return null
  return {
    id: o.id,
    display_id: o.display_id ?? null,
    email: o.email?.trim().toLowerCase() || null,
    customer_id: o.customer_id ?? null,
    currency_code: String(o.currency_code).toLowerCase(),
    total: Number(o.total ?? 0),
    status: String(o.status ?? ""),
    created_at: new Date(o.created_at),
    is_renewal: Boolean(o.cart?.metadata?.retention_renewal),
    product_ids: [...new Set((o.items ?? []).map((i) => i?.product_id).filter((id): id is string => !!id))],
  }
}
