import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../modules/messaging/service"

/**
 * Lifts a pause: sends in its scope go out again. Resuming a pause that was already resumed
 * changes nothing and returns it as it is.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  // Throws NOT_FOUND (404) for an unknown id.
  const pause = await messaging.retrieveSendPause(req.params.id)
  if (pause.resumed_at) {
    res.json({ pause })
    return
  }
  const resumed = await messaging.updateSendPauses({
    id: pause.id,
    resumed_at: new Date(),
    resumed_by: req.auth_context?.actor_id ?? null,
  })
  res.json({ pause: resumed })
}
