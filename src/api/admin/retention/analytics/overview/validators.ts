import { z } from "@medusajs/framework/zod"

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

// The range is resolved in the route, where the store's time zone is known: calendar days are
// the store's days, as in the Customers report (resolveZonedPeriods).
export const AnalyticsOverviewQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict()

export type AnalyticsOverviewQuery = z.output<typeof AnalyticsOverviewQuery>
