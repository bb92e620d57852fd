import { z } from "@medusajs/framework/zod"
import { isoDate } from "../overview/validators"

// The range is resolved in the route, where the store's time zone is known: calendar days are
// the store's days (resolveZonedRange).
export const AnalyticsCustomersQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict()

export type AnalyticsCustomersQuery = z.output<typeof AnalyticsCustomersQuery>
