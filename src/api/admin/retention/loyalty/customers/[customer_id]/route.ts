import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_LOYALTY_MODULE } from "../../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../../modules/loyalty"
import { loyaltySummary } from "../../../../../store/retention/loyalty/helpers"
import { parseInput } from "../../../messages/helpers"
import { LedgerQuery } from "../../validators"

/** A customer's balances, tier and ledger page, for the customer widget. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { limit, offset } = parseInput(LedgerQuery, req.query, "query")
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  const id = req.params.customer_id
  const [summary, [entries, count], tierChanges] = await Promise.all([
    loyaltySummary(loyalty, id),
    loyalty.listAndCountLoyaltyEntries({ customer_id: id }, { take: limit, skip: offset, order: { created_at: "DESC", id: "DESC" } }),
    loyalty.listLoyaltyTierChanges({ customer_id: id }, { take: 20, order: { created_at: "DESC" } }),
  ])
  res.json({ loyalty: summary, entries, count, limit, offset, tier_changes: tierChanges })
}
