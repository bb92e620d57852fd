// "Frequently bought together" through the real app, on a small order set with hand-counted
// pairs: the nightly computation (co-occurrence counts, ranking, canceled and draft orders left
// out, idempotent recomputation) and recommendProducts (exclusions of what the customer bought,
// unpublished and out-of-stock products; fallback to the collection's, then the store's best
// sellers; storefront link, image and price). No demo seed: the database holds only these, and
// the runner restores it to them before every test, so each test computes the pairs it reads.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { createInventoryLevelsWorkflow, createProductsWorkflow, createStockLocationsWorkflow } from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import computeProductAffinityJob, { computeProductAffinity } from "../../src/jobs/compute-product-affinity"
import { recommendProducts } from "../../src/lib/flows/recommend-products"
import { RETENTION_PRODUCT_AFFINITY_MODULE } from "../../src/modules/product-affinity"
import type ProductAffinityModuleService from "../../src/modules/product-affinity/service"

jest.setTimeout(300_000)

type Pg = { raw: (sql: string, bindings: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

// Products by letter. X is a collection of A, D, E and F. G tracks inventory and has none left;
// B tracks inventory and has stock; H is a draft (unpublished) product; the rest do not track.
const LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const
type Letter = (typeof LETTERS)[number]

retentionTestRunner({
  testSuite: ({ getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const pg = (): Pg => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const affinity = (): ProductAffinityModuleService => container().resolve(RETENTION_PRODUCT_AFFINITY_MODULE)
    const id: Record<string, string> = {}
    const variant: Record<string, string> = {}
    const letterOf = (productId: string) => Object.keys(id).find((k) => id[k] === productId)
    /** Two products with the same count, in the order ranking gives them (by product id). */
    const tie = (a: Letter, b: Letter): Letter[] => (id[a] < id[b] ? [a, b] : [b, a])
    let buyer = ""
    let buyerOrder = ""
    let warehouseId = ""

    const order = async (customerId: string, letters: Letter[], extra: { status?: string; is_draft_order?: boolean; sales_channel_id?: string } = {}) => {
      const [created] = await container()
        .resolve(Modules.ORDER)
        .createOrders([
          {
            currency_code: "eur",
            customer_id: customerId,
            email: "shopper@affinity.test",
            sales_channel_id: extra.sales_channel_id,
            items: letters.map((l) => ({ title: `Product ${l}`, quantity: 2, unit_price: 10, product_id: id[l], variant_id: variant[l] })),
          },
        ])
      if (extra.status) await pg().raw(`update "order" set status = ? where id = ?`, [extra.status, created.id])
      if (extra.is_draft_order) await pg().raw(`update "order" set is_draft_order = true where id = ?`, [created.id])
      return created.id
    }

    /** The stored pairs of a product as letter → [orders, rank]. */
    const pairsOf = async (letter: Letter) => {
      const rows = await affinity().listProductAffinities({ product_id: id[letter] }, { order: { rank: "ASC" } })
      return rows.map((r) => [letterOf(r.related_product_id), r.orders, r.rank])
    }

    beforeAll(async () => {
      const productModule = container().resolve(Modules.PRODUCT)
      const [collection] = await productModule.createProductCollections([{ title: "Kitchen", handle: "kitchen" }])
      const { result: products } = await createProductsWorkflow(container()).run({
        input: {
          products: LETTERS.map((l) => ({
            title: `Product ${l}`,
            handle: `product-${l.toLowerCase()}`,
            status: l === "H" ? ProductStatus.DRAFT : ProductStatus.PUBLISHED,
            thumbnail: l === "C" ? undefined : `https://cdn.affinity.test/${l.toLowerCase()}.png`,
            collection_id: ["A", "D", "E", "F"].includes(l) ? collection.id : undefined,
            options: [{ title: "Size", values: ["One"] }],
            variants: [
              {
                title: "One",
                sku: `AFF-${l}`,
                manage_inventory: l === "B" || l === "G",
                options: { Size: "One" },
                prices: [
                  { amount: 10 + LETTERS.indexOf(l), currency_code: "eur" },
                  { amount: 300 + LETTERS.indexOf(l), currency_code: "try" },
                ],
              },
            ],
          })),
        },
      })
      for (const p of products) {
        const letter = p.title.slice(-1)
        id[letter] = p.id
        variant[letter] = p.variants[0].id
      }
      // B has 5 in stock; G's inventory item has a level with nothing left.
      const { result: locations } = await createStockLocationsWorkflow(container()).run({ input: { locations: [{ name: "Affinity warehouse" }] } })
      warehouseId = locations[0].id
      const { data: links } = await container()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "product_variant", fields: ["id", "inventory_items.inventory_item_id"], filters: { id: [variant.B, variant.G] } })
      const itemOf = (v: string) => links.find((l) => l.id === v)!.inventory_items![0]!.inventory_item_id
      await createInventoryLevelsWorkflow(container()).run({
        input: {
          inventory_levels: [
            { location_id: locations[0].id, inventory_item_id: itemOf(variant.B), stocked_quantity: 5 },
            { location_id: locations[0].id, inventory_item_id: itemOf(variant.G), stocked_quantity: 0 },
          ],
        },
      })

      // With A: B 3 orders, G 3, C 2, D 1; E only in a canceled and a draft order. B with C: 2.
      // F and H are each ordered alone.
      const others = "cus_affinity_others"
      await order(others, ["A", "B", "C"])
      await order(others, ["A", "B"])
      await order(others, ["A", "B", "D"])
      await order(others, ["A", "C"])
      await order(others, ["A", "G"])
      await order(others, ["A", "G"])
      await order(others, ["A", "G"])
      await order(others, ["B", "C"])
      await order(others, ["F"])
      await order(others, ["H"])
      await order(others, ["H"])
      await order(others, ["A", "E"], { status: "canceled" })
      await order(others, ["A", "E"], { is_draft_order: true })
      // The customer we recommend for: bought C before, now A.
      buyer = "cus_affinity_buyer"
      await order(buyer, ["C"])
      buyerOrder = await order(buyer, ["A"])
    })

    it("counts co-occurrences in orders and ranks them, leaving canceled and draft orders out", async () => {
      const result = await computeProductAffinity(container(), { now: new Date("2030-01-01T02:40:00Z") })
      expect(result.products).toBe(5)

      // B and G tie with A at 3 orders, as A and B do with C at 2: ties go by product id.
      expect(await pairsOf("A")).toEqual([...tie("B", "G").map((l) => [l, 3]), ["C", 2], ["D", 1]].map(([l, o], i) => [l, o, i + 1]))
      expect(await pairsOf("B")).toEqual([
        ["A", 3, 1],
        ["C", 2, 2],
        ["D", 1, 3],
      ])
      expect(await pairsOf("C")).toEqual(tie("A", "B").map((l, i) => [l, 2, i + 1]))
      expect(await pairsOf("E")).toEqual([])
      expect(await pairsOf("F")).toEqual([])

      // Best sellers: orders holding each product (the buyer's two included), with its collection.
      const sales = await affinity().listProductSales({})
      expect(Object.fromEntries(sales.map((r) => [letterOf(r.product_id), [r.orders, !!r.collection_id]]))).toEqual({
        A: [8, true],
        B: [4, false],
        C: [4, false],
        D: [1, true],
        F: [1, true],
        G: [3, false],
        H: [2, false],
      })
    })

    it("the hourly job computes on a new install, then not again until the night", async () => {
      await computeProductAffinityJob(container())
      const [first] = await affinity().listProductSales({}, { take: 1 })
      expect(await pairsOf("B")).toHaveLength(3)
      await computeProductAffinityJob(container())
      const [again] = await affinity().listProductSales({}, { take: 1 })
      // Skipped: the same rows, not a new computation.
      expect(again.id).toBe(first.id)
    })

    it("keeps only the top N related products of each product", async () => {
      await computeProductAffinity(container(), { topN: 2 })
      expect((await pairsOf("A")).map((p) => p[2])).toEqual([1, 2])
      expect(await pairsOf("B")).toHaveLength(2)
    })

    it("recomputing on the same orders gives the same table; a new order moves the counts", async () => {
      const snapshot = async () =>
        [
          ...(await pg().raw(`select product_id, related_product_id, orders, rank from retention_product_affinity order by 1, 2`, [])).rows,
          ...(await pg().raw(`select product_id, collection_id, orders from retention_product_sales order by 1`, [])).rows,
        ]
      await computeProductAffinity(container())
      const first = await snapshot()
      await Promise.all([computeProductAffinity(container()), computeProductAffinity(container())])
      expect(await snapshot()).toEqual(first)

      const extra = await order("cus_affinity_late", ["A", "D"])
      await computeProductAffinity(container())
      // The count moves; the rank among products tied on that count follows their ids, which are
      // random, so only the count is compared here.
      expect((await pairsOf("A")).find((p) => p[0] === "D")?.slice(0, 2)).toEqual(["D", 2])
      // Canceling it takes it out again.
      await pg().raw(`update "order" set status = 'canceled' where id = ?`, [extra])
      await computeProductAffinity(container())
      expect(await snapshot()).toEqual(first)
    })

    it("recommends what others bought with the order, without what the customer bought or cannot buy", async () => {
      await computeProductAffinity(container())
      const products = await recommendProducts(container(), { customerId: buyer, orderId: buyerOrder, limit: 3 })
      // With A: B (3), G (3, out of stock), C (already bought), D (1). Then collection X's best
      // seller F (E has no real order). H is unpublished and never offered.
      expect(products.map((p) => [letterOf(p.id), p.source])).toEqual([
        ["B", "affinity"],
        ["D", "affinity"],
        ["F", "collection"],
      ])
      expect(products[0]).toEqual({
        id: id.B,
        title: "Product B",
        url: "http://localhost:8000/products/product-b",
        imageUrl: "https://cdn.affinity.test/b.png",
        price: { amount: 11, currency: "eur" },
        source: "affinity",
      })

      // Asking for more finds nothing else that may be shown: G out of stock, H a draft, C bought.
      const more = await recommendProducts(container(), { customerId: buyer, orderId: buyerOrder, limit: 10 })
      expect(more.map((p) => letterOf(p.id))).toEqual(["B", "D", "F"])
    })

    it("an out-of-stock product comes back when stock does, and a product without an image has none", async () => {
      await computeProductAffinity(container())
      const inventory = container().resolve(Modules.INVENTORY)
      const { data: links } = await container()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { id: variant.G } })
      const itemId = links[0].inventory_items![0]!.inventory_item_id
      const [level] = await inventory.listInventoryLevels({ inventory_item_id: itemId })
      await inventory.updateInventoryLevels([{ inventory_item_id: itemId, location_id: level.location_id, stocked_quantity: 4 }])
      try {
        const products = await recommendProducts(container(), { customerId: "cus_affinity_new", productIds: [id.A], limit: 4 })
        expect(products.map((p) => letterOf(p.id))).toEqual([...tie("B", "G"), "C", "D"])
        const c = products.find((p) => p.id === id.C)!
        expect(c).not.toHaveProperty("imageUrl")
        // A customer without orders: no currency, so no price.
        expect(c).not.toHaveProperty("price")
      } finally {
        await inventory.updateInventoryLevels([{ inventory_item_id: itemId, location_id: level.location_id, stocked_quantity: 0 }])
      }
    })

    it("offers only products of the order's sales channel, with stock in its locations", async () => {
      await computeProductAffinity(container())
      const [channel] = await container().resolve(Modules.SALES_CHANNEL).createSalesChannels([{ name: "Pop-up shop" }])
      const link = container().resolve(ContainerRegistrationKeys.LINK)
      // Every product but D is sold in the channel.
      await link.create(
        LETTERS.filter((l) => l !== "D").map((l) => ({
          [Modules.PRODUCT]: { product_id: id[l] },
          [Modules.SALES_CHANNEL]: { sales_channel_id: channel.id },
        }))
      )
      const orderId = await order("cus_affinity_channel", ["A"], { sales_channel_id: channel.id })
      // The channel has no stock location yet: B's 5 units are elsewhere. D is not sold there.
      const before = await recommendProducts(container(), { customerId: "cus_affinity_channel", orderId, limit: 3 })
      expect(before.map((p) => letterOf(p.id))).toEqual(["C", "F"])

      await link.create({ [Modules.SALES_CHANNEL]: { sales_channel_id: channel.id }, [Modules.STOCK_LOCATION]: { stock_location_id: warehouseId } })
      const after = await recommendProducts(container(), { customerId: "cus_affinity_channel", orderId, limit: 3 })
      expect(after.map((p) => letterOf(p.id))).toEqual(["B", "C", "F"])
    })

    it("falls back to the collection's best sellers, then the store's", async () => {
      // F was only ever ordered alone: no pairs. Collection X: A (8 real orders), D (1); then
      // the store: B and C (4 each), G (out of stock), H (draft).
      await computeProductAffinity(container())
      const products = await recommendProducts(container(), { customerId: "cus_affinity_new", productIds: [id.F], limit: 5 })
      expect(products.map((p) => [letterOf(p.id), p.source])).toEqual([
        ["A", "collection"],
        ["D", "collection"],
        ...tie("B", "C").map((l) => [l, "store"]),
      ])
      // No seed at all (a welcome email): the store's best sellers.
      const welcome = await recommendProducts(container(), { customerId: "cus_affinity_new", limit: 2 })
      expect(welcome.map((p) => [letterOf(p.id), p.source])).toEqual([
        ["A", "store"],
        [tie("B", "C")[0], "store"],
      ])
    })

    it("prices in the customer's currency and refuses a bad limit or unknown order by name", async () => {
      await computeProductAffinity(container())
      await order("cus_affinity_try", ["F"]).then((orderId) =>
        pg().raw(`update "order" set currency_code = 'try' where id = ?`, [orderId])
      )
      const [first] = await recommendProducts(container(), { customerId: "cus_affinity_try", productIds: [id.A], limit: 1 })
      expect(first.price).toEqual({ amount: 301, currency: "try" })

      await expect(recommendProducts(container(), { customerId: buyer, limit: 0 })).rejects.toThrow(/limit/)
      await expect(recommendProducts(container(), { customerId: buyer, limit: 21 })).rejects.toThrow(/limit/)
      await expect(recommendProducts(container(), { customerId: buyer, orderId: "order_missing", limit: 2 })).rejects.toThrow(/orderId/)
    })
  },
})
