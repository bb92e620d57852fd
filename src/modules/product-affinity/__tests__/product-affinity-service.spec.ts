import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RETENTION_PRODUCT_AFFINITY_MODULE } from ".."
import { ProductAffinity } from "../models/product-affinity"
import { ProductSales } from "../models/product-sales"
import ProductAffinityModuleService from "../service"

jest.setTimeout(60_000)

const at = new Date("2030-01-01T02:40:00.000Z")
const pair = (product_id: string, related_product_id: string, orders: number, rank: number) => ({ product_id, related_product_id, orders, rank })

moduleIntegrationTestRunner<ProductAffinityModuleService>({
  moduleName: RETENTION_PRODUCT_AFFINITY_MODULE,
  moduleModels: [ProductAffinity, ProductSales],
  resolve: "./src/modules/product-affinity",
  testSuite: ({ service }) => {
    const pairs = [
      pair("prod_a", "prod_b", 5, 1),
      pair("prod_a", "prod_c", 2, 2),
      pair("prod_a", "prod_d", 1, 3),
      pair("prod_e", "prod_c", 4, 1),
      pair("prod_e", "prod_d", 4, 2),
    ]
    const sales = [
      { product_id: "prod_a", collection_id: "pcol_1", orders: 9 },
      { product_id: "prod_b", collection_id: null, orders: 5 },
      { product_id: "prod_c", collection_id: "pcol_1", orders: 6 },
      { product_id: "prod_d", collection_id: "pcol_2", orders: 6 },
    ]

    it("sums the orders of related products over the asked products, most first, ties by id, exclusions left out", async () => {
      await service.replaceComputation({ computed_at: at, pairs, sales })
      expect(await service.relatedTo({ productIds: ["prod_a"], limit: 10 })).toEqual([
        { product_id: "prod_b", orders: 5 },
        { product_id: "prod_c", orders: 2 },
        { product_id: "prod_d", orders: 1 },
      ])
      // c: 2 + 4, d: 1 + 4, b: 5; neither seed is its own recommendation.
      expect(await service.relatedTo({ productIds: ["prod_a", "prod_e"], limit: 2 })).toEqual([
        { product_id: "prod_c", orders: 6 },
        { product_id: "prod_b", orders: 5 },
      ])
      expect(await service.relatedTo({ productIds: ["prod_a"], excludeIds: ["prod_b"], limit: 10 })).toEqual([
        { product_id: "prod_c", orders: 2 },
        { product_id: "prod_d", orders: 1 },
      ])
      expect(await service.relatedTo({ productIds: [], limit: 10 })).toEqual([])
    })

    it("lists best sellers of the store or of collections, ties by id", async () => {
      await service.replaceComputation({ computed_at: at, pairs, sales })
      expect(await service.bestSellers({ limit: 10 })).toEqual(["prod_a", "prod_c", "prod_d", "prod_b"])
      expect(await service.bestSellers({ collectionIds: ["pcol_1"], excludeIds: ["prod_a"], limit: 10 })).toEqual(["prod_c"])
      expect(await service.bestSellers({ collectionIds: ["pcol_1", "pcol_2"], limit: 2 })).toEqual(["prod_a", "prod_c"])
      expect(await service.bestSellers({ collectionIds: [], limit: 10 })).toEqual([])
    })

    it("a new computation replaces the old entirely; the same one twice, even at once, leaves the same rows", async () => {
      expect(await service.lastComputedAt()).toBeNull()
      await service.replaceComputation({ computed_at: at, pairs, sales })
      expect(await service.lastComputedAt()).toEqual(at)
      await service.replaceComputation({ computed_at: at, pairs: [pair("prod_x", "prod_y", 1, 1)], sales: [] })
      expect((await service.listProductAffinities({})).map((r) => r.product_id)).toEqual(["prod_x"])
      expect(await service.listProductSales({})).toEqual([])

      await Promise.all([
        service.replaceComputation({ computed_at: at, pairs, sales }),
        service.replaceComputation({ computed_at: at, pairs, sales }),
      ])
      expect(await service.listProductAffinities({})).toHaveLength(pairs.length)
      expect(await service.listProductSales({})).toHaveLength(sales.length)
    })

    it("refuses a pair of a product with itself, or counts below 1, naming the row", async () => {
      await expect(service.replaceComputation({ computed_at: at, pairs: [pair("prod_a", "prod_a", 1, 1)], sales: [] })).rejects.toThrow(
        "pairs[0]: needs two different product ids"
      )
      await expect(
        service.replaceComputation({ computed_at: at, pairs: [pairs[0], pair("prod_a", "prod_z", 0, 2)], sales: [] })
      ).rejects.toThrow(/pairs\[1\]: orders and rank/)
      await expect(
        service.replaceComputation({ computed_at: at, pairs: [], sales: [{ product_id: "prod_a", collection_id: null, orders: 0 }] })
      ).rejects.toThrow(/sales\[0\]/)
    })
  },
})
