import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { memberCurrencies, pointsWorth, SqlConnection } from "../../../../../../lib/loyalty/members"
import { RETENTION_LOYALTY_MODULE } from "../../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../../modules/loyalty"
import { loyaltySummary } from "../../../../../store/retention/loyalty/helpers"
import { parseInput } from "../../../messages/helpers"
import { LedgerQuery } from "../../validators"

/**
 * A customer's balances, tier and ledger page, for the customer widget and the member page, with
 * what the available points are worth in the customer's currency (their latest order's, else the
 * store's default).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { limit, offset } = parseInput(LedgerQuery, req.query, "query")
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  const id = req.params.customer_id
  const pg = req.scope.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const [summary, [entries, count], tierChanges, settings, currencies] = await Promise.all([
    loyaltySummary(loyalty, id),
    loyalty.listAndCountLoyaltyEntries({ customer_id: id }, { take: limit, skip: offset, order: { created_at: "DESC", id: "DESC" } }),
    loyalty.listLoyaltyTierChanges({ customer_id: id }, { take: 20, order: { created_at: "DESC" } }),
    loyalty.getProgram(),
    memberCurrencies(pg, [id]),
  ])
  const currency = currencies.get(id) ?? null
  const value = currency ? { currency_code: currency, amount: pointsWorth(settings, currency, summary.available) } : null
  res.json({ loyalty: summary, value, entries, count, limit, offset, tier_changes: tierChanges })
}
