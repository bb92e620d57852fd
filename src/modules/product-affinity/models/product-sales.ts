import { model } from "@medusajs/framework/utils"

// How many of the store's orders hold a product (canceled and draft orders excluded), with the
// product's collection: the best sellers that fill up a recommendation when too few products
// were bought together. Recomputed nightly with the pairs.
export const ProductSales = model
  .define("retention_product_sales", {
    id: model.id({ prefix: "psal" }).primaryKey(),
    product_id: model.text(),
    // The product's collection when computed; null for a product in none.
    collection_id: model.text().nullable(),
    orders: model.number(),
    computed_at: model.dateTime(),
  })
  .indexes([{ on: ["product_id"], unique: true }, { on: ["collection_id", "orders"] }, { on: ["orders"] }])
