import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../modules/loyalty"
import { liabilityByCurrency } from "../../../../../modules/loyalty/program"
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
  // Top members with the name and email a merchant recognises (customer ids mean nothing to them).
  const ids = summary.top.map((a) => a.customer_id)
  const { data: customers } = ids.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "customer",
        fields: ["id", "email", "first_name", "last_name"],
        filters: { id: ids },
      })
    : { data: [] }
  const byId = new Map(
    (customers as { id: string; email: string | null; first_name: string | null; last_name: string | null }[]).map((c) => [c.id, c])
  )
  res.json({
    daily,
    ...summary,
    top: summary.top.map((a) => {
      const c = byId.get(a.customer_id)
      const name = [c?.first_name, c?.last_name].filter(Boolean).join(" ")
      return { ...a, email: c?.email ?? null, name: name || null }
    }),
    liability: liabilityByCurrency(settings, summary.by_currency),
    tier_names: Object.fromEntries(settings.tiers.map((t) => [t.key, t.name])),
  })
}
