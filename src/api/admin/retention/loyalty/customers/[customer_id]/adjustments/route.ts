import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import { RETENTION_LOYALTY_MODULE } from "../../../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../../../modules/loyalty"
import { adjustPointsWorkflow } from "../../../../../../../workflows/loyalty/adjust-points"
import { parseInput } from "../../../../messages/helpers"
import { AdjustBody } from "../../../validators"

/**
 * A manual adjustment: a new ledger entry carrying the internal note, the optional
 * customer-facing reason and the admin user's id. Only for an existing customer: the ledger
 * would otherwise open an account for any id typed into the URL.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(AdjustBody, req.body)
  const actor = req.auth_context?.actor_id
  if (!actor) throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "an admin user is required")
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: req.params.customer_id } })
  if (!customers.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `customer_id: customer ${req.params.customer_id} was not found`)
  }
  const { result } = await adjustPointsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.customer_id,
      points: body.points,
      note: body.note,
      reason: body.reason ?? null,
      actor_id: actor,
      // Scoped to the customer: the same client key for two customers is two adjustments.
      key: `${req.params.customer_id}:${body.idempotency_key ?? randomUUID()}`,
    },
  })
  let entry = result.entry
  if (!entry && body.idempotency_key) {
    // A retry of an adjustment already recorded: answer with the original entry.
    const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
    ;[entry] = await loyalty.listLoyaltyEntries({
      reference: "admin",
      reference_id: `${req.params.customer_id}:${body.idempotency_key}`,
      type: "adjust",
    })
  }
  res.status(201).json({ entry, balance: result.account })
}
