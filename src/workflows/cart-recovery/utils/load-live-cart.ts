import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export type LiveCartItem = {
  id: string
  title: string
  variant_title: string | null
  thumbnail: string | null
  quantity: number
  unit_price: number
  total: number
  variant_id: string | null
  variant: {
    id: string
    manage_inventory: boolean | null
    allow_backorder: boolean | null
    product: { status: string | null } | null
  } | null
}

export type LiveCart = {
  id: string
  email: string | null
  customer_id: string | null
  currency_code: string
  region_id: string | null
  sales_channel_id: string | null
  locale: string | null
  completed_at: string | null
  // A subscription renewal's cart (the replenishment module places it): never a recovery target.
  is_renewal: boolean
  total: number
  item_total: number
  // has_account: a registered customer, whose own first_name may appear in a subject.
  customer: {
    first_name: string | null
    has_account: boolean
    groups: { id: string }[] | null
    // The customer's stored email language (metadata.locale), if any.
    locale: unknown
  } | null
  shipping_address: { country_code: string | null; first_name: string | null } | null
  billing_address: { country_code: string | null } | null
  region_countries: string[]
  items: LiveCartItem[]
}

const CART_FIELDS = [
  "id",
  "email",
  "customer_id",
  "currency_code",
  "region_id",
  "sales_channel_id",
  "locale",
  "completed_at",
  "metadata",
  "total",
  "item_total",
  "customer.first_name",
  "customer.has_account",
  "customer.groups.id",
  "customer.metadata",
  "shipping_address.country_code",
  "shipping_address.first_name",
  "billing_address.country_code",
  "region.countries.iso_2",
  "items.id",
  "items.title",
  "items.variant_title",
  "items.thumbnail",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.variant_id",
  "items.variant.id",
  "items.variant.manage_inventory",
  "items.variant.allow_backorder",
  "items.variant.product.status",
]

type Row = Record<string, unknown>
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v))
const str = (v: unknown) => (v === null || v === undefined ? null : String(v))
const obj = (v: unknown): Row | null => (v && typeof v === "object" ? (v as Row) : null)

/** Reads a cart as it is right now (Query over the Cart Module), or null when it is gone. */
export async function loadLiveCart(container: MedusaContainer, cartId: string): Promise<LiveCart | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
  const cart = obj(data[0])
  if (!cart) return null
  const customer = obj(cart.customer)
  const address = obj(cart.shipping_address)
  const billing = obj(cart.billing_address)
  const region = obj(cart.region)
  const items = Array.isArray(cart.items) ? cart.items.map(obj).filter((i): i is Row => i !== null) : []
  return {
    id: String(cart.id),
    email: str(cart.email),
    customer_id: str(cart.customer_id),
    currency_code: String(cart.currency_code),
    region_id: str(cart.region_id),
    sales_channel_id: str(cart.sales_channel_id),
    locale: str(cart.locale),
    completed_at: str(cart.completed_at),
    is_renewal: Boolean(obj(cart.metadata)?.retention_renewal),
    total: num(cart.total),
    item_total: num(cart.item_total),
    customer: customer
      ? {
          first_name: str(customer.first_name),
          has_account: customer.has_account === true,
          groups: Array.isArray(customer.groups) ? customer.groups.map(obj).filter((g): g is Row => g !== null).map((g) => ({ id: String(g.id) })) : [],
          locale: obj(customer.metadata)?.locale,
        }
      : null,
    shipping_address: address ? { country_code: str(address.country_code), first_name: str(address.first_name) } : null,
    billing_address: billing ? { country_code: str(billing.country_code) } : null,
    region_countries: Array.isArray(region?.countries)
      ? region.countries.flatMap((c) => {
          const iso = str(obj(c)?.iso_2)
          return iso ? [iso] : []
        })
      : [],
    items: items.map((i) => {
      const variant = obj(i.variant)
      const product = obj(variant?.product)
      return {
        id: String(i.id),
        title: String(i.title ?? ""),
        variant_title: str(i.variant_title),
        thumbnail: str(i.thumbnail),
        quantity: num(i.quantity),
        unit_price: num(i.unit_price),
        total: num(i.total),
        variant_id: str(i.variant_id),
        variant: variant
          ? {
              id: String(variant.id),
              manage_inventory: variant.manage_inventory === null || variant.manage_inventory === undefined ? null : Boolean(variant.manage_inventory),
              allow_backorder: variant.allow_backorder === null || variant.allow_backorder === undefined ? null : Boolean(variant.allow_backorder),
              product: product ? { status: str(product.status) } : null,
            }
          : null,
      }
    }),
  }
}
