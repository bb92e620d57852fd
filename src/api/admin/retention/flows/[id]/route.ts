import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateFlowSchema } from "../../../../../modules/flows/flow-config"
import { parseInput } from "../../messages/helpers"
import { flowsService, retrieveFlowOr404 } from "../helpers"

/** One flow with its steps and figures per step and subject variant. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ flow: await retrieveFlowOr404(req.scope, req.params.id) })
}

/**
 * Pauses or activates a flow (`{ status }`), or changes its settings (name, priority, trigger,
 * audience, steps, holdout, quiet hours, exit rule, attribution window, discount budget). A paused
 * flow's entries wait and resume where they were when it is activated again.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(updateFlowSchema, req.body)
  await retrieveFlowOr404(req.scope, req.params.id)
  await flowsService(req.scope).updateFlow(req.params.id, body)
  res.json({ flow: await retrieveFlowOr404(req.scope, req.params.id) })
}
