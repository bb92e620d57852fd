import { z } from "@medusajs/framework/zod"
import { DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS } from "../../../../../lib/analytics/maths"

const DAY_MS = 86_400_000

// A calendar date ("2026-01-31") or an ISO timestamp with a zone. A calendar date must exist
// (Date.parse rolls "2026-02-30" over to 2 March instead of refusing it).
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: "must be an ISO date such as 2026-01-31",
    // A malformed value gets one message, not a second "invalid date" as well.
    abort: true,
  })
  .refine((value) => {
    const parsed = new Date(value)
    if (Number.isNaN(parsed.getTime())) return false
    const [y, m, d] = value.slice(0, 10).split("-").map(Number)
    const day = new Date(Date.UTC(y, m - 1, d))
    return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d
  }, "must be a valid date")

// A calendar `to` includes that whole day (UTC): the range is [from, to + 1 day).
const endOf = (value: string) => (value.length === 10 ? new Date(new Date(value).getTime() + DAY_MS) : new Date(value))

export const AnalyticsOverviewQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .transform((q, ctx) => {
    // Defaults: up to now, and the default length before `to`; the checks below see the range
    // that will be queried, whichever ends were given.
    const to = q.to ? endOf(q.to) : new Date()
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS)
    if (to.getTime() <= from.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" })
      return z.NEVER
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "the range may span at most 5 years" })
      return z.NEVER
    }
    return { from, to }
  })

export type AnalyticsOverviewQuery = z.output<typeof AnalyticsOverviewQuery>
