// "Frequently bought together" for flow emails (post-purchase, win-back, welcome best sellers):
// related products of an order by co-occurrence in the store's orders, without what the customer
// already bought or cannot buy now, topped up with the best sellers of the products'
// collections, then of the whole store. Pairs and best sellers are read from what the nightly
// compute-product-affinity job stored, so a send costs a few indexed reads, never a pass over
// the order history.
import type { MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  getTotalVariantAvailability,
  getVariantAvailability,
  MedusaError,
} from "@medusajs/framework/utils"
import { ORDER_PRODUCTS } from "../../jobs/compute-product-affinity"
import { RETENTION_PRODUCT_AFFINITY_MODULE } from "../../modules/product-affinity"
import type ProductAffinityModuleService from "../../modules/product-affinity/service"
import { RETENTION_SETTINGS_MODULE } from "../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../modules/retention-settings/service"
import { storefrontPath } from "../../workflows/replenishment/send-subscription-emails"
import type { FlowProduct } from "./template-data"

type SqlConnection = {
  raw: (sql: string, bindings: readonly (string | number)[]) => Promise<{ rows: Record<string, unknown>[] }>
}
type Query = Omit<RemoteQueryFunction, symbol>

export type RecommendProductsInput = {
  customerId: string
  /** The order to recommend for (post-purchase): its products are the seeds, its currency and sales channel are used. */
  orderId?: string
  /** More seed products (or the only ones, without an order). */
  productIds?: string[]
  /** 1 to 20 products. */
  limit: number
}

/** Where each recommended product came from, for tests and reports. */
export type RecommendationSource = "affinity" | "collection" | "store"

export type RecommendedProduct = FlowProduct & { source: RecommendationSource }

export const MAX_RECOMMENDATIONS = 20
// Candidates fetched per source beyond `limit`: some are dropped as unpublished or out of stock.
const POOL_FACTOR = 4

type ProductRow = {
  id: string
  title: string
  handle: string | null
  thumbnail: string | null
  status: string
  collection_id: string | null
  sales_channels?: { id: string }[] | null
  images?: { url: string; rank?: number }[] | null
  variants?: {
    id: string
    manage_inventory: boolean
    allow_backorder: boolean
    prices?: { amount: number | string; currency_code: string; price_list_id?: string | null; rules_count?: number | null }[] | null
  }[] | null
}

/** Products of the customer's orders (canceled and draft ones excluded), from their orders only. */
async function boughtBy(pg: SqlConnection, customerId: string): Promise<string[]> {
  const { rows } = await pg.raw(`select distinct op.product_id from (${ORDER_PRODUCTS} and o.customer_id = ?) op`, [customerId])
  return rows.map((r) => String(r.product_id))
}

/** The currency of the customer's latest order, to price products as they shop. */
async function lastCurrency(pg: SqlConnection, customerId: string): Promise<string | null> {
  const { rows } = await pg.raw(
    `select currency_code from "order" where customer_id = ? and deleted_at is null and is_draft_order = false order by created_at desc limit 1`,
    [customerId]
  )
  return rows.length ? String(rows[0].currency_code) : null
}

/**
 * Ids of the products among `ids` a shopper can buy now: published, sold in the order's sales
 * channel when it is known (else its storefront would not show the product), with a variant that
 * does not track inventory, allows backorders, or has stock left (stocked minus reserved, per
 * inventory item and required quantity, in the sales channel's locations when it is known, as
 * the store API computes it; else in every location).
 */
async function purchasable(query: Query, products: ProductRow[], salesChannelId: string | null): Promise<Set<string>> {
  const tracked = products.flatMap((p) => (p.variants ?? []).filter((v) => v.manage_inventory && !v.allow_backorder).map((v) => v.id))
  const availability: Record<string, { availability: number | null }> = tracked.length
    ? salesChannelId
      ? await getVariantAvailability(query, { variant_ids: tracked, sales_channel_id: salesChannelId })
      : await getTotalVariantAvailability(query, { variant_ids: tracked })
    : {}
  const ok = new Set<string>()
  for (const product of products) {
    if (product.status !== "published") continue
    if (salesChannelId && !(product.sales_channels ?? []).some((c) => c?.id === salesChannelId)) continue
    const inStock = (product.variants ?? []).some(
      (v) => !v.manage_inventory || v.allow_backorder || (availability[v.id]?.availability ?? 0) > 0
    )
    if (inStock) ok.add(product.id)
  }
  return ok
}

/** The lowest plain price (no price list, no rules) of the product's variants in `currency`. */
function priceIn(product: ProductRow, currency: string | null): FlowProduct["price"] {
  if (!currency) return undefined
  const amounts = (product.variants ?? [])
    .flatMap((v) => v.prices ?? [])
    .filter((p) => p.currency_code?.toLowerCase() === currency.toLowerCase() && !p.price_list_id && !p.rules_count)
    .map((p) => Number(p.amount))
    .filter((amount) => Number.isFinite(amount))
  return amounts.length ? { amount: Math.min(...amounts), currency: currency.toLowerCase() } : undefined
}

async function loadProducts(query: Query, ids: string[]): Promise<ProductRow[]> {
  if (!ids.length) return []
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "title",
      "handle",
      "thumbnail",
      "status",
      "collection_id",
      "sales_channels.id",
      "images.url",
      "images.rank",
      "variants.id",
      "variants.manage_inventory",
      "variants.allow_backorder",
      "variants.prices.amount",
      "variants.prices.currency_code",
      "variants.prices.price_list_id",
      "variants.prices.rules_count",
    ],
    filters: { id: ids },
  })
  return data as ProductRow[]
}

/**
 * Up to `limit` products to show a customer with an order (or seed products): the products most
 * often bought together with them, then best sellers of their collections, then of the store;
 * never a product the customer already bought, one of the seeds, an unpublished product or one
 * out of stock. Each comes with its storefront page, image and price in the order's currency
 * (else the customer's last order's), when the product has one in it.
 *
 * Post-purchase: `{ customerId, orderId, limit: 3 }`; win-back: the last order's id; welcome
 * best sellers: `{ customerId, limit }` alone (the store's best sellers). The result is the
 * templates' `products` as is (`source` is extra, for reports and tests).
 */
export async function recommendProducts(container: Pick<MedusaContainer, "resolve">, input: RecommendProductsInput): Promise<RecommendedProduct[]> {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_RECOMMENDATIONS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `limit: a whole number from 1 to ${MAX_RECOMMENDATIONS}`)
  }
  if (!input.customerId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "customerId: required")
  }
  const pg = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const affinity: ProductAffinityModuleService = container.resolve(RETENTION_PRODUCT_AFFINITY_MODULE)
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)

  let currency: string | null = null
  let salesChannelId: string | null = null
  const seeds = new Set(input.productIds ?? [])
  if (input.orderId) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "sales_channel_id", "items.product_id"],
      filters: { id: input.orderId },
    })
    const order = data[0] as { currency_code?: string; sales_channel_id?: string | null; items?: { product_id?: string | null }[] } | undefined
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `orderId: no order ${input.orderId}`)
    }
    currency = order.currency_code ?? null
    salesChannelId = order.sales_channel_id ?? null
    for (const item of order.items ?? []) if (item?.product_id) seeds.add(item.product_id)
  }
  currency ??= await lastCurrency(pg, input.customerId)
  const seedIds = [...seeds]
  const excluded = new Set([...seedIds, ...(await boughtBy(pg, input.customerId))])
  const pool = input.limit * POOL_FACTOR

  const chosen: { id: string; source: RecommendationSource; product: ProductRow }[] = []
  const take = async (ids: string[], source: RecommendationSource) => {
    const fresh = ids.filter((id) => !excluded.has(id))
    fresh.forEach((id) => excluded.add(id))
    const products = await loadProducts(query, fresh)
    const byId = new Map(products.map((p) => [p.id, p]))
    const ok = await purchasable(query, products, salesChannelId)
    for (const id of fresh) {
      if (chosen.length >= input.limit) return
      const product = byId.get(id)
      if (product && ok.has(id)) chosen.push({ id, source, product })
    }
  }

  if (seedIds.length) {
    const related = await affinity.relatedTo({ productIds: seedIds, excludeIds: [...excluded], limit: pool })
    await take(related.map((r: { product_id: string }) => r.product_id), "affinity")
  }
  if (chosen.length < input.limit && seedIds.length) {
    const seedProducts = await loadProducts(query, seedIds)
    const collectionIds = [...new Set(seedProducts.map((p) => p.collection_id).filter((id): id is string => !!id))]
    if (collectionIds.length) {
      await take(await affinity.bestSellers({ collectionIds, excludeIds: [...excluded], limit: pool }), "collection")
    }
  }
  if (chosen.length < input.limit) {
    await take(await affinity.bestSellers({ excludeIds: [...excluded], limit: pool }), "store")
  }

  const storefrontUrl = (await settings.getSection("brand")).values.storefrontUrl
  return chosen.map(({ product, source }) => {
    const image = product.thumbnail ?? [...(product.images ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))[0]?.url
    const price = priceIn(product, currency)
    return {
      id: product.id,
      title: product.title,
      url: storefrontPath(storefrontUrl, "/products/{id}", product.handle ?? product.id),
      ...(image ? { imageUrl: image } : {}),
      ...(price ? { price } : {}),
      source,
    }
  })
}
