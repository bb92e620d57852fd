import { z } from "@medusajs/framework/zod"

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())

export const ListResponsesQuery = z
  .object({
    category: z.enum(["promoter", "passive", "detractor"]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    with_comment: z.enum(["true", "false"]).optional(),
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
