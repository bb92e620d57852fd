import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  isWithinReplayWindow,
  parseSendgridEvents,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendgridSignature,
} from "../../../../lib/sendgrid-webhook"
import { RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"

type RawBodyRequest = MedusaRequest & { rawBody?: Buffer }

/**
 * SendGrid Event Webhook. Signed with ECDSA over `timestamp + raw body`; anything unsigned,
 * mis-signed or outside the replay window gets 401 and changes nothing. Events arrive in
 * batches and at least once: each sg_event_id is applied once.
 */
export async function POST(req: RawBodyRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const key = messaging.options.sendgridWebhookPublicKey
  const signature = req.get(SENDGRID_SIGNATURE_HEADER)
  const timestamp = req.get(SENDGRID_TIMESTAMP_HEADER)
  const raw = req.rawBody
  if (!key) {
    res.status(401).json({ message: "webhook verification key is not configured (sendgridWebhookPublicKey)" })
    return
  }
  if (!signature || !timestamp || !raw || !verifySendgridSignature({ publicKey: key, payload: raw, signature, timestamp })) {
    res.status(401).json({ message: "invalid signature" })
    return
  }
  if (!isWithinReplayWindow(timestamp, Date.now(), messaging.options.webhookReplayWindowSeconds)) {
    res.status(401).json({ message: "timestamp outside the replay window" })
    return
  }
  const { events, malformed } = parseSendgridEvents(raw)
  const result = await messaging.applyProviderEvents(
    events.map((e) => ({
      sg_event_id: e.sgEventId,
      type: e.event,
      email: e.email,
      message_id: e.retentionMessageId ?? null,
      provider_message_id: e.sgMessageId ?? null,
      bounce_type: e.type ?? null,
      occurred_at: e.timestamp,
      data: { reason: e.reason ?? null, url: e.url ?? null, type: e.type ?? null },
    }))
  )
  res.status(200).json({ ...result, malformed })
}
