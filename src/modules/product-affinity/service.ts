import { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { ProductAffinity } from "./models/product-affinity"
import { ProductSales } from "./models/product-sales"

type Row = Record<string, unknown>
type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Row[]> }

/** A pair as computed from the orders: `orders` holding both, `rank` among product_id's pairs. */
export type AffinityPair = { product_id: string; related_product_id: string; orders: number; rank: number }

/** Orders holding a product, with the product's collection. */
export type ProductSalesRow = { product_id: string; collection_id: string | null; orders: number }

/** A related product of some of the asked products, with its orders summed over them. */
export type RelatedProduct = { product_id: string; orders: number }

const INSERT_CHUNK = 500

const list = (values: readonly unknown[]) => values.map(() => "?").join(", ")

class ProductAffinityModuleService extends MedusaService({ ProductAffinity, ProductSales }) {
  /**
   * Replaces every pair and sales count with a new computation's, in one transaction: readers
   * see the previous tables or the whole new ones. Running it twice with the same input leaves
   * the same tables, so a job delivered twice is harmless.
   */
  @InjectTransactionManager()
  async replaceComputation(
    input: { computed_at: Date; pairs: AffinityPair[]; sales: ProductSalesRow[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ pairs: number; products: number; sold: number }> {
    for (const [i, pair] of input.pairs.entries()) {
      if (!pair.product_id || !pair.related_product_id || pair.product_id === pair.related_product_id) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `pairs[${i}]: needs two different product ids`)
      }
      if (!Number.isInteger(pair.orders) || pair.orders < 1 || !Number.isInteger(pair.rank) || pair.rank < 1) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `pairs[${i}]: orders and rank must be whole numbers of at least 1`)
      }
    }
    for (const [i, row] of input.sales.entries()) {
      if (!row.product_id || !Number.isInteger(row.orders) || row.orders < 1) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `sales[${i}]: needs a product id and orders of at least 1`)
      }
    }
    const manager = sharedContext.transactionManager as SqlManager
    // One writer at a time: two overlapping runs would interleave their deletes and inserts.
    await manager.execute(`select pg_advisory_xact_lock(hashtext('retention_product_affinity'))`)
    await manager.execute(`delete from retention_product_affinity`)
    await manager.execute(`delete from retention_product_sales`)
    for (let i = 0; i < input.pairs.length; i += INSERT_CHUNK) {
      const chunk = input.pairs.slice(i, i + INSERT_CHUNK)
      await manager.execute(
        `insert into retention_product_affinity (id, product_id, related_product_id, orders, rank, computed_at, created_at, updated_at)
         values ${chunk.map(() => "(?, ?, ?, ?, ?, ?, now(), now())").join(", ")}`,
        chunk.flatMap((p) => [generateEntityId(undefined, "paff"), p.product_id, p.related_product_id, p.orders, p.rank, input.computed_at.toISOString()])
      )
    }
    for (let i = 0; i < input.sales.length; i += INSERT_CHUNK) {
      const chunk = input.sales.slice(i, i + INSERT_CHUNK)
      await manager.execute(
        `insert into retention_product_sales (id, product_id, collection_id, orders, computed_at, created_at, updated_at)
         values ${chunk.map(() => "(?, ?, ?, ?, ?, now(), now())").join(", ")}`,
        chunk.flatMap((r) => [generateEntityId(undefined, "psal"), r.product_id, r.collection_id, r.orders, input.computed_at.toISOString()])
      )
    }
    return { pairs: input.pairs.length, products: new Set(input.pairs.map((p) => p.product_id)).size, sold: input.sales.length }
  }

  /** When the stored rows were computed; null before a first computation with any order. */
  @InjectManager()
  async lastComputedAt(@MedusaContext() sharedContext: Context = {}): Promise<Date | null> {
    const manager = sharedContext.manager as SqlManager
    const [row] = await manager.execute(
      `select greatest((select max(computed_at) from retention_product_sales), (select max(computed_at) from retention_product_affinity)) as at`
    )
    return row?.at ? new Date(String(row.at)) : null
  }

  /**
   * Best sellers (orders holding the product, most first, ties by id) in `collectionIds`, or in
   * the whole store without them, leaving out `excludeIds`.
   */
  @InjectManager()
  async bestSellers(
    input: { collectionIds?: string[]; excludeIds?: string[]; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (input.limit < 1 || (input.collectionIds && !input.collectionIds.length)) return []
    const manager = sharedContext.manager as SqlManager
    const exclude = input.excludeIds ?? []
    const rows = await manager.execute(
      `select product_id from retention_product_sales
       where deleted_at is null
         ${input.collectionIds ? `and collection_id in (${list(input.collectionIds)})` : ""}
         ${exclude.length ? `and product_id not in (${list(exclude)})` : ""}
       order by orders desc, product_id
       limit ?`,
      [...(input.collectionIds ?? []), ...exclude, input.limit]
    )
    return rows.map((r) => String(r.product_id))
  }

  /**
   * Products most often bought with any of `productIds`, their orders summed over those
   * products, most first (ties by id), leaving out `excludeIds` and the asked products.
   */
  @InjectManager()
  async relatedTo(
    input: { productIds: string[]; excludeIds?: string[]; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RelatedProduct[]> {
    if (!input.productIds.length || input.limit < 1) return []
    const manager = sharedContext.manager as SqlManager
    const exclude = [...new Set([...input.productIds, ...(input.excludeIds ?? [])])]
    const rows = await manager.execute(
      `select related_product_id, sum(orders)::int as orders
       from retention_product_affinity
       where product_id in (${list(input.productIds)}) and related_product_id not in (${list(exclude)}) and deleted_at is null
       group by related_product_id
       order by sum(orders) desc, related_product_id
       limit ?`,
      [...input.productIds, ...exclude, input.limit]
    )
    return rows.map((r) => ({ product_id: String(r.related_product_id), orders: Number(r.orders) }))
  }
}

export default ProductAffinityModuleService
