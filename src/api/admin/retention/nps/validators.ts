import { z } from "@medusajs/framework/zod"

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())
// Medusa ids are letters, digits and underscores (prod_01H…); anything else cannot match.
const productId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "must be a product id such as prod_01H…")

export const ListFeedProductsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()

export const ListResponsesQuery = z
  .object({
    category: z.enum(["promoter", "passive", "detractor"]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    with_comment: z.enum(["true", "false"]).optional(),
    product_id: productId.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export const ListSurveysQuery = z
  .object({
    order_id: z.string().min(1).optional(),
    customer_id: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
