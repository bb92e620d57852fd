import { z } from "@medusajs/framework/zod"
import { parseInterval } from "../../../../../modules/replenishment/schedule"

const id = z.string().trim().min(1).max(100)

export const PlansQuery = z.object({ product_id: id.optional() }).strict()

const interval = z
  .string()
  .trim()
  .max(10)
  .refine((v) => parseInterval(v) !== null, 'must be an interval such as "2w", "30d" or "1m" (at most a year)')

export const PlanBody = z
  .object({
    product_id: id,
    variant_id: id.nullish(),
    intervals: z
      .array(interval)
      .min(1, "give at least one interval")
      .max(12)
      .refine((list) => new Set(list).size === list.length, "must not repeat an interval"),
    default_interval: interval,
    discount_percent: z.number().int("must be a whole percent").min(0).max(90).nullish(),
    min_orders: z.number().int().min(0).max(52).default(0),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((b) => b.intervals.includes(b.default_interval), { message: "must be one of intervals", path: ["default_interval"] })
