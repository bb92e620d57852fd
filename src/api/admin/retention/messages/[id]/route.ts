import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../modules/messaging/service"

/** One message exactly as sent (subject, HTML, text, template data) with its events, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  // Throws NOT_FOUND (404) for an unknown id.
  const message = await messaging.retrieveMessage(req.params.id)
  const events = await messaging.listMessageEvents(
    { message_id: message.id },
    { order: { occurred_at: "DESC", id: "DESC" }, take: 500 }
  )
  res.json({ message, events })
}
