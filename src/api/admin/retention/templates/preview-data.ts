import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { EmailTemplate } from "../../../../emails"

export type PreviewSource = { type: "customer" | "cart" | "order"; id: string }

type LineItem = {
  product_title?: string | null
  title?: string | null
  variant_title?: string | null
  quantity?: number | string | null
  unit_price?: number | string | null
  thumbnail?: string | null
}
type Person = { first_name?: string | null; last_name?: string | null } | null | undefined

// What a cart and an order both give a preview: who it is for and what is in it.
const PERSON_AND_ITEM_FIELDS = [
  "customer.first_name",
  "customer.last_name",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.quantity",
  "items.unit_price",
  "items.thumbnail",
]

const money = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100

function lines(items: (LineItem | null)[] | null | undefined) {
  return (items ?? []).filter((i): i is LineItem => !!i).map((i) => {
    const quantity = Number(i.quantity ?? 0)
    const unitPrice = money(i.unit_price)
    return {
      title: i.product_title || i.title || "",
      variantTitle: i.variant_title || undefined,
      quantity,
      unitPrice,
      total: money(unitPrice * quantity),
      imageUrl: i.thumbnail || undefined,
    }
  })
}

const firstName = (...people: Person[]) => people.find((p) => p?.first_name)?.first_name ?? undefined
const fullName = (...people: Person[]) => {
  const p = people.find((x) => x?.first_name || x?.last_name)
  return p ? [p.first_name, p.last_name].filter(Boolean).join(" ") : undefined
}

/** Values a real customer, cart or order can give, under the names the templates use. */
async function realValues(container: MedusaContainer, source: PreviewSource): Promise<Record<string, unknown>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const notFound = () =>
    new MedusaError(MedusaError.Types.NOT_FOUND, `source.id: no ${source.type} with id "${source.id}"`)

  if (source.type === "customer") {
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name", "last_name"],
      filters: { id: source.id },
    })
    const c = data[0]
    if (!c) throw notFound()
    return { customerName: firstName(c), customerEmail: c.email }
  }

  if (source.type === "cart") {
    const { data } = await query.graph({
      entity: "cart",
      fields: ["id", "email", "currency_code", "customer.has_account", ...PERSON_AND_ITEM_FIELDS],
      filters: { id: source.id },
    })
    const cart = data[0]
    if (!cart) throw notFound()
    const items = lines(cart.items as LineItem[])
    const subtotal = money(items.reduce((sum, i) => sum + i.total, 0))
    // As a recovery email gets them (compose-recovery-email): the account's name for the
    // subject, the address's only for the greeting; null (not the sample's) when there is none.
    const accountName = cart.customer?.has_account ? firstName(cart.customer as Person) : undefined
    return {
      customerName: accountName ?? null,
      greetingName: accountName ?? firstName(cart.shipping_address as Person) ?? null,
      customerEmail: cart.email ?? undefined,
      currency: cart.currency_code,
      items,
      subtotal,
      total: subtotal,
    }
  }

  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "currency_code", ...PERSON_AND_ITEM_FIELDS],
    filters: { id: source.id },
  })
  const order = data[0]
  if (!order) throw notFound()
  const items = lines(order.items as LineItem[])
  const subtotal = money(items.reduce((sum, i) => sum + i.total, 0))
  return {
    customerName: firstName(order.customer as Person, order.shipping_address as Person),
    customerEmail: order.email ?? undefined,
    orderDisplayId: String(order.display_id ?? ""),
    currency: order.currency_code,
    items,
    subtotal,
    total: subtotal,
    ...(fullName(order.customer as Person, order.shipping_address as Person)
      ? { customerFullName: fullName(order.customer as Person, order.shipping_address as Person) }
      : {}),
  }
}

/**
 * Sample data with the real record's values laid over it, for the keys the template uses:
 * a cart reminder previewed on a real cart shows that cart's items and total; values only a
 * feature knows (score links, points) stay as in the sample.
 */
export async function previewData(
  container: MedusaContainer,
  template: EmailTemplate,
  source: PreviewSource | undefined
): Promise<Record<string, unknown>> {
  const sample = template.sampleData as Record<string, unknown>
  if (!source) return sample
  const real = await realValues(container, source)
  const merged: Record<string, unknown> = { ...sample }
  for (const [key, value] of Object.entries(real)) {
    if (key in sample && value !== undefined && value !== "") merged[key] = value
  }
  // The detractor alert names the customer in full.
  if ("customerName" in sample && template.name === "detractor-alert" && real.customerFullName) {
    merged.customerName = real.customerFullName
  }
  return merged
}
