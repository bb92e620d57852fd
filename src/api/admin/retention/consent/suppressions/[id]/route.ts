import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../modules/messaging/service"
import { parseInput } from "../../../messages/helpers"
import { LiftSuppressionBody } from "../../validators"

/**
 * Lifts a suppression with the reason why (`{ note }`, required). The address can receive
 * marketing again as far as its consent allows; the consent log keeps who lifted it and why.
 */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(LiftSuppressionBody, req.body)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const lifted = await messaging.liftSuppression({ id: req.params.id, actor_id: req.auth_context?.actor_id ?? null, note: body.note })
  if (!lifted) throw new MedusaError(MedusaError.Types.NOT_FOUND, `suppression ${req.params.id} not found`)
  res.json({ id: req.params.id, deleted: true, ...lifted })
}
