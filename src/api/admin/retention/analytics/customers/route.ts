import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveZonedRange } from "../../../../../lib/analytics/customer-maths"
import { loadCustomerFigures } from "../../../../../lib/analytics/customers"
import type { SqlConnection } from "../../../../../lib/analytics/overview"
import { parseInput } from "../../messages/helpers"
import { storeTimeZone } from "../helpers"
import { AnalyticsCustomersQuery } from "./validators"

/**
 * Customers: repeat purchase, order value, time between orders, lifetime value (historical and
 * predicted) and monthly cohorts, per currency, for a range of the store's days.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(AnalyticsCustomersQuery, req.query, "query")
  const timeZone = await storeTimeZone(req.scope)
  const resolved = resolveZonedRange({ from: query.from, to: query.to, timeZone, now: new Date() })
  if ("error" in resolved) throw new MedusaError(MedusaError.Types.INVALID_DATA, resolved.error)
  const pg = req.scope.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const currencies = await loadCustomerFigures(pg, resolved.range, timeZone)
  res.json({ range: resolved.range, time_zone: timeZone, currencies })
}
