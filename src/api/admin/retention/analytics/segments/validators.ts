import { z } from "@medusajs/framework/zod"
import { SEGMENTS } from "../../../../../modules/customer-segments/rules"

export const SegmentParam = z.enum([...SEGMENTS], { message: `must be one of ${SEGMENTS.join(", ")}` })

export const SegmentExportQuery = z
  .object({ currency_code: z.string().regex(/^[a-zA-Z]{3}$/, "must be a 3-letter currency code").transform((c) => c.toLowerCase()) })
  .strict()

export const RecomputeBody = z.object({}).strict()
