import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../modules/loyalty"
import { parseInput } from "../../../../admin/retention/messages/helpers"
import { customerId } from "../helpers"
import { HistoryQuery } from "../validators"

// Never `note`: it is internal (an admin's note, system explanations). `reason` is the text an
// admin wrote for the customer.
const FIELDS = ["id", "type", "points", "status", "reference", "reference_id", "order_id", "available_at", "expires_at", "reason", "created_at"]

/** The customer's own ledger, newest first, paginated. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { limit, offset } = parseInput(HistoryQuery, req.query, "query")
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  const [entries, count] = await loyalty.listAndCountLoyaltyEntries(
    { customer_id: customerId(req) },
    { select: FIELDS, take: limit, skip: offset, order: { created_at: "DESC", id: "DESC" } }
  )
  // An admin adjustment's reference_id carries the admin's idempotency key (often a ticket
  // number): internal, like the note.
  const shown = entries.map((e) => (e.reference === "admin" ? { ...e, reference_id: null } : e))
  res.json({ entries: shown, count, limit, offset })
}
