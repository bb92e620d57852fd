import { model } from "@medusajs/framework/utils"

// One "frequently bought together" pair: `related_product_id` was in `orders` of the store's
// orders together with `product_id`. Only the top N related products of each product are kept,
// recomputed nightly from the order history (canceled and draft orders excluded).
export const ProductAffinity = model
  .define("retention_product_affinity", {
    id: model.id({ prefix: "paff" }).primaryKey(),
    product_id: model.text(),
    related_product_id: model.text(),
    // Orders holding both products.
    orders: model.number(),
    // 1 = most often bought with product_id; ties broken by the related product's id.
    rank: model.number(),
    // When the computation that wrote this row ran (one value per computation).
    computed_at: model.dateTime(),
  })
  .indexes([{ on: ["product_id", "related_product_id"], unique: true }, { on: ["product_id", "rank"] }])
