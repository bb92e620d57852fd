import { z } from "@medusajs/framework/zod"
import { MAX_POINTS } from "../../../../modules/loyalty/program"

export const HistoryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export const RedeemBody = z
  .object({
    cart_id: z.string().trim().min(1).max(100),
    points: z.number().int().positive().max(MAX_POINTS, `must be at most ${MAX_POINTS.toLocaleString("en-US")}`),
  })
  .strict()
