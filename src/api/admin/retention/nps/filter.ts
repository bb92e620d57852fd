import type { z } from "@medusajs/framework/zod"
import type { NpsFilter } from "../../../../modules/nps/dashboard-types"
import type { NpsDashboardQuery } from "./validators"

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/

/** The validated query as the service's selection: a `to` day includes that whole day (UTC). */
export function toNpsFilter(query: z.output<typeof NpsDashboardQuery>): NpsFilter {
  const to = query.to ? new Date(query.to) : undefined
  if (to && DAY_ONLY.test(query.to!)) to.setUTCDate(to.getUTCDate() + 1)
  return {
    category: query.category,
    from: query.from ? new Date(query.from) : undefined,
    to,
    with_comment: query.with_comment === undefined ? undefined : query.with_comment === "true",
    q: query.q || undefined,
    product_id: query.product_id,
  }
}
