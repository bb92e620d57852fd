import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_PRODUCT_AFFINITY_MODULE } from "../modules/product-affinity"
import type { AffinityPair, default as ProductAffinityModuleService, ProductSalesRow } from "../modules/product-affinity/service"

type SqlConnection = {
  raw: (sql: string, bindings: readonly (string | number)[]) => Promise<{ rows: Record<string, unknown>[] }>
}

export const COMPUTE_PRODUCT_AFFINITY_JOB = "retention-compute-product-affinity"

/** Related products kept per product: more than any email shows, so exclusions leave enough. */
export const AFFINITY_TOP_N = 20

/**
 * The products of each order (once per order, whatever the quantities), from the order's current
 * version: canceled, draft and deleted orders, and custom lines without a product, left out.
 */
export const ORDER_PRODUCTS = `select distinct o.id as order_id, li.product_id
  from "order" o
  join order_item oi on oi.order_id = o.id and oi.version = o.version and oi.deleted_at is null
  join order_line_item li on li.id = oi.item_id and li.deleted_at is null
  where o.deleted_at is null and o.is_draft_order = false and o.status not in ('canceled', 'draft')
    and li.product_id is not null`

/**
 * Every pair of products bought in the same order, counted in orders, with the top `topN`
 * related products of each product (most orders first; ties by the related product's id, so a
 * recomputation on the same orders ranks the same way).
 */
export function coOccurrenceQuery(topN: number) {
  return {
    sql: `with op as (${ORDER_PRODUCTS}),
      pairs as (
        select a.product_id, b.product_id as related_product_id, count(*)::int as orders
        from op a join op b on b.order_id = a.order_id and b.product_id <> a.product_id
        group by a.product_id, b.product_id
      ),
      ranked as (
        select *, row_number() over (partition by product_id order by orders desc, related_product_id) as rank
        from pairs
      )
      select product_id, related_product_id, orders, rank::int as rank from ranked where rank <= ?
      order by product_id, rank`,
    bindings: [topN],
  }
}

/** Orders holding each product that still exists, with its collection (the best sellers). */
export const productSalesQuery = {
  sql: `with op as (${ORDER_PRODUCTS})
    select op.product_id, p.collection_id, count(*)::int as orders
    from op join product p on p.id = op.product_id and p.deleted_at is null
    group by op.product_id, p.collection_id`,
  bindings: [] as (string | number)[],
}

/**
 * Recomputes "frequently bought together" and the best sellers from the store's whole order
 * history and replaces the stored ones in one transaction. Idempotent: the same orders give the
 * same tables, so a second run (a job delivered twice, a retry) changes nothing but `computed_at`.
 */
export async function computeProductAffinity(container: MedusaContainer, options: { now?: Date; topN?: number } = {}) {
  const pg = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const affinity: ProductAffinityModuleService = container.resolve(RETENTION_PRODUCT_AFFINITY_MODULE)
  const q = coOccurrenceQuery(options.topN ?? AFFINITY_TOP_N)
  const { rows } = await pg.raw(q.sql, q.bindings)
  const pairs: AffinityPair[] = rows.map((r) => ({
    product_id: String(r.product_id),
    related_product_id: String(r.related_product_id),
    orders: Number(r.orders),
    rank: Number(r.rank),
  }))
  const sales: ProductSalesRow[] = (await pg.raw(productSalesQuery.sql, productSalesQuery.bindings)).rows.map((r) => ({
    product_id: String(r.product_id),
    collection_id: r.collection_id ? String(r.collection_id) : null,
    orders: Number(r.orders),
  }))
  return affinity.replaceComputation({ computed_at: options.now ?? new Date(), pairs, sales })
}

const HOUR = 3600_000
/** The nightly run's hour (UTC), after the day's orders and away from the other nightly jobs. */
export const AFFINITY_HOUR_UTC = 2

/**
 * Whether the hourly tick recomputes: in the nightly hour (once: not again within 6 hours), and
 * at any hour when nothing was ever computed (a new install has recommendations within the hour,
 * not the next night) or the last computation is over 26 hours old (a missed night).
 */
export function affinityDue(now: Date, last: Date | null): boolean {
  if (!last) return true
  const age = now.getTime() - last.getTime()
  return age > 26 * HOUR || (now.getUTCHours() === AFFINITY_HOUR_UTC && age > 6 * HOUR)
}

export default async function computeProductAffinityJob(container: MedusaContainer) {
  const affinity: ProductAffinityModuleService = container.resolve(RETENTION_PRODUCT_AFFINITY_MODULE)
  const now = new Date()
  if (!affinityDue(now, await affinity.lastComputedAt())) return
  const result = await computeProductAffinity(container, { now })
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`product affinity: ${result.pairs} pairs for ${result.products} products, ${result.sold} products sold`)
}

export const config = {
  name: COMPUTE_PRODUCT_AFFINITY_JOB,
  // Hourly at :40; affinityDue makes it one computation a night (02:40 UTC) plus catching up.
  schedule: "40 * * * *",
}
