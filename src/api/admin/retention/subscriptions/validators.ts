import { z } from "@medusajs/framework/zod"

const id = z.string().trim().min(1).max(100)

export const AdminListQuery = z
  .object({
    status: z.enum(["active", "paused", "canceled", "payment_failed"]).optional(),
    product_id: id.optional(),
    customer_id: id.optional(),
    // Part of the subscriber's email address.
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
