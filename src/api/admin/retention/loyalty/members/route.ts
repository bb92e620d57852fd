import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listMembers, MEMBER_SORTS, SqlConnection } from "../../../../../lib/loyalty/members"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../modules/loyalty"
import { parseInput } from "../../messages/helpers"
import { MembersQuery } from "../validators"

/**
 * Every customer with a loyalty account: search by email or name, filter by tier, sorted by a
 * balance or the tier, one page with the total count. The program's tiers come along (lowest
 * first) for the tier filter and names.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { q, tier, order, limit, offset } = parseInput(MembersQuery, req.query, "query")
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  const settings = await loyalty.getProgram()
  const pg = req.scope.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const sort = MEMBER_SORTS.find((s) => order === s || order === `-${s}`) ?? "available"
  const { members, count } = await listMembers(pg, settings, {
    q: q || undefined,
    tier,
    sort,
    direction: order.startsWith("-") ? "desc" : "asc",
    limit,
    offset,
  })
  res.json({
    members,
    count,
    limit,
    offset,
    order,
    tiers: [...settings.tiers].sort((a, b) => a.threshold - b.threshold).map((t) => ({ key: t.key, name: t.name })),
  })
}
