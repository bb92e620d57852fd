import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveZonedPeriods } from "../../../../../lib/analytics/customer-maths"
import { loadOverview, type OverviewDependencies } from "../../../../../lib/analytics/overview-report"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import { parseInput } from "../../messages/helpers"
import { storeTimeZone } from "../helpers"
import { AnalyticsOverviewQuery } from "./validators"

/**
 * The Overview: attributed revenue, email health, loyalty, subscriptions and NPS for a range of
 * the store's days and the period of the same length before it, revenue over time (per day up
 * to 90 days, per ISO week beyond, in the store's time zone), computed in this store's
 * PostgreSQL. Liability, members, pauses and the subscriptions' figures (active, recurring
 * revenue, churn, due) describe now, as the Subscriptions page shows them.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(AnalyticsOverviewQuery, req.query, "query")
  const now = new Date()
  const timeZone = await storeTimeZone(req.scope)
  const periods = resolveZonedPeriods({ from: query.from, to: query.to, timeZone, now })
  if ("error" in periods) throw new MedusaError(MedusaError.Types.INVALID_DATA, periods.error)
  const overview = await loadOverview(
    {
      pg: req.scope.resolve<OverviewDependencies["pg"]>(ContainerRegistrationKeys.PG_CONNECTION),
      loyalty: req.scope.resolve(RETENTION_LOYALTY_MODULE),
      replenishment: req.scope.resolve(RETENTION_REPLENISHMENT_MODULE),
    },
    { ...periods, now, timeZone }
  )
  res.json({ ...overview, time_zone: timeZone })
}
