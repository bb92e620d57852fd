// What the demo's later steps (subscriptions, redemptions) look up in the seeded store before they
// place orders through checkout: the sales channel, warehouse and shipping option the store seed
// made, the variants by SKU, the customers by email with their first address, and the region of
// each country.
import type { RemoteQueryFunction } from "@medusajs/framework/types"
import { must } from "./seed"

export type DemoStore = {
  salesChannelId: string
  locationId: string
  shippingOptionId: string
  variants: Map<string, { id: string; product_id: string }>
  customers: Map<string, { id: string; email: string; address: Record<string, string> }>
  regionByCountry: Map<string, { id: string; currency_code: string }>
}

const ADDRESS_FIELDS = ["first_name", "last_name", "phone", "company", "address_1", "address_2", "city", "province", "postal_code", "country_code"]

export async function loadDemoStore(query: RemoteQueryFunction, input: { skus: string[]; emails: string[] }): Promise<DemoStore> {
  const one = async (entity: string, filters: Record<string, unknown>, what: string) => {
    const { data } = await query.graph({ entity, fields: ["id"], filters })
    return must(data[0] as { id: string } | undefined, `${what} (run the demo store seed first)`).id
  }
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "product_id"],
    filters: { sku: [...new Set(input.skus)] },
  })
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "addresses.*"],
    filters: { email: [...new Set(input.emails)], has_account: true },
  })
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code", "countries.iso_2"] })
  const regionByCountry = new Map<string, { id: string; currency_code: string }>()
  for (const r of regions as { id: string; currency_code: string; countries?: { iso_2: string }[] }[]) {
    for (const c of r.countries ?? []) regionByCountry.set(c.iso_2, { id: r.id, currency_code: r.currency_code })
  }
  return {
    salesChannelId: await one("sales_channel", { name: "Retention Demo Store" }, "the demo sales channel"),
    locationId: await one("stock_location", { name: "Istanbul Roastery Warehouse" }, "the demo warehouse"),
    shippingOptionId: await one("shipping_option", { name: "Standard" }, "the Standard shipping option"),
    variants: new Map((variants as { id: string; sku: string; product_id: string }[]).map((v) => [v.sku, { id: v.id, product_id: v.product_id }])),
    customers: new Map(
      (customers as { id: string; email: string; addresses?: Record<string, unknown>[] }[]).map((c) => {
        const raw = must(c.addresses?.[0], `address of ${c.email}`)
        const address = Object.fromEntries(ADDRESS_FIELDS.filter((k) => typeof raw[k] === "string" && raw[k]).map((k) => [k, raw[k] as string]))
        return [c.email, { id: c.id, email: c.email, address }]
      })
    ),
    regionByCountry,
  }
}
