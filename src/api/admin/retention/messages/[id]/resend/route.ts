import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../modules/messaging/service"
import { reconcileResentMessage } from "../../../../../../workflows/messaging/reconcile-resent-message"
import { resendInputFor } from "../../../../../../workflows/messaging/resend-input"
import { sendRetentionEmailsWorkflow } from "../../../../../../workflows/messaging/send-retention-emails"

/**
 * The merchant's "Resend" of a failed (or unknown) message. The row is reopened with a
 * compare-and-set, keeping its key, so a double click resends once; then it goes through the
 * send workflow like any email, send policy included: an address that unsubscribed meanwhile
 * gets nothing (the message ends suppressed). Answers the message as it is afterwards.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  // Throws NOT_FOUND (404) for an unknown id.
  const before = await messaging.retrieveMessage(req.params.id)
  if (!(await messaging.reopenForResend(before.id))) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Only a failed or unknown message can be resent; this one is ${before.status}`
    )
  }
  const [row] = await messaging.listMessages({ id: before.id })
  const { result } = await sendRetentionEmailsWorkflow(req.scope).run({
    input: {
      messages: [
        resendInputFor({
          ...row,
          data: (row.data ?? null) as Record<string, unknown> | null,
          metadata: (row.metadata ?? null) as Record<string, unknown> | null,
        }),
      ],
    },
  })
  const [after] = await messaging.listMessages({ id: before.id })
  if (after.status === "sent") {
    await reconcileResentMessage(req.scope, after)
  }
  res.json({ message: after, result: result[0] ?? null })
}
