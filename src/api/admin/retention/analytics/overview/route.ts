import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveRange } from "../../../../../lib/analytics/maths"
import { loadCurrentState, loadPeriodFigures, type SqlConnection } from "../../../../../lib/analytics/overview"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../modules/loyalty"
import { liabilityByCurrency } from "../../../../../modules/loyalty/program"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { parseInput } from "../../messages/helpers"
import { AnalyticsOverviewQuery } from "./validators"

/**
 * The Overview: attributed revenue, email health, loyalty, subscriptions and NPS for a range and
 * the period of the same length before it, computed in this store's PostgreSQL. Liability,
 * members, pauses and the subscriptions' figures (active, recurring revenue, churn, due) describe
 * now, as the Subscriptions page shows them.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(AnalyticsOverviewQuery, req.query, "query")
  const { current, previous } = resolveRange({ from: query.from, to: query.to, now: new Date() })
  const pg = req.scope.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)

  const currentFigures = await loadPeriodFigures(pg, current)
  const previousFigures = await loadPeriodFigures(pg, previous)
  const state = await loadCurrentState(pg)
  const replenishment: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const [summary, settings, subscriptions] = await Promise.all([
    loyalty.programSummary(),
    loyalty.getProgram(),
    replenishment.stats({ now: new Date() }),
  ])

  res.json({
    range: { from: current.from, to: current.to },
    previous_range: { from: previous.from, to: previous.to },
    current: currentFigures,
    previous: previousFigures,
    now: {
      active_pauses: state.active_pauses,
      loyalty_members: summary.members,
      loyalty_liability: liabilityByCurrency(settings, summary.by_currency),
      subscriptions,
    },
  })
}
