import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../modules/loyalty"
import { pointValueFor } from "../../../../../modules/loyalty/program"
import { parseInput } from "../../messages/helpers"
import { DashboardQuery } from "../validators"

/** Program dashboard: daily issued/redeemed/expired, outstanding liability, tiers, top members. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { days } = parseInput(DashboardQuery, req.query, "query")
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  const [daily, summary, settings] = await Promise.all([
    loyalty.dailyStats({ since: new Date(Date.now() - days * 86400_000) }),
    loyalty.programSummary(),
    loyalty.getProgram(),
  ])
  res.json({
    daily,
    ...summary,
    // Money owed if every outstanding point were redeemed (before any breakage estimate), at
    // each currency's own point value ("none": points not tied to an order, at pointValue).
    liability: summary.by_currency.map((c) => {
      const pointValue = pointValueFor(settings, c.currency_code === "none" ? null : c.currency_code)
      return {
        currency_code: c.currency_code,
        points: c.points,
        point_value: pointValue,
        amount: Math.round(c.points * pointValue * 100) / 100,
      }
    }),
    tier_names: Object.fromEntries(settings.tiers.map((t) => [t.key, t.name])),
  })
}
