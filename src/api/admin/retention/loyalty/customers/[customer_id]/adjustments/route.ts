import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import { adjustPointsWorkflow } from "../../../../../../../workflows/loyalty/adjust-points"
import { parseInput } from "../../../../messages/helpers"
import { AdjustBody } from "../../../validators"

/** A manual adjustment: a new ledger entry carrying the reason and the admin user's id. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(AdjustBody, req.body)
  const actor = req.auth_context?.actor_id
  if (!actor) throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "an admin user is required")
  const { result } = await adjustPointsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.customer_id,
      points: body.points,
      reason: body.reason,
      actor_id: actor,
      key: body.idempotency_key ?? randomUUID(),
    },
  })
  res.status(201).json({ entry: result.entry, balance: result.account })
}
