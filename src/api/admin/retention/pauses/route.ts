import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"

/** Campaigns and topics the deliverability guard paused and nobody has resumed yet. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const pauses = await messaging.listSendPauses({ resumed_at: null }, { order: { created_at: "DESC" } })
  res.json({ pauses })
}
