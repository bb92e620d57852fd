import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readRawBody } from "../../../../lib/read-raw-body"
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

// SendGrid posts batches of at most a few MB; anything larger is refused with 413 before it is
// read in full. The body parser is off for this route (src/api/middlewares.ts), so nothing
// parses a body before its signature is checked.
export const SENDGRID_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024

/** Refuses without reading the rest of the body, and closes the connection it came on. */
function refuse(res: MedusaResponse, status: number, message: string) {
  res.set("connection", "close").status(status).json({ message })
}

/**
 * SendGrid Event Webhook. Signed with ECDSA over `timestamp + raw body`; anything unsigned,
 * mis-signed or outside the replay window gets 401 and changes nothing, and is refused before
 * the body is read when the headers already say so. Events arrive in batches and at least
 * once: each sg_event_id is applied once. An event that can never be stored (bad timestamp,
 * unreadable fields) is skipped and counted, never failing the batch: SendGrid retries a
 * failed batch for days.
 */
export async function POST(req: RawBodyRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const key = messaging.options.sendgridWebhookPublicKey
  const signature = req.get(SENDGRID_SIGNATURE_HEADER)
  const timestamp = req.get(SENDGRID_TIMESTAMP_HEADER)
  if (!key) {
    return refuse(res, 401, "webhook verification key is not configured (sendgridWebhookPublicKey)")
  }
  if (!signature || !timestamp) {
    return refuse(res, 401, "invalid signature")
  }
  if (!isWithinReplayWindow(timestamp, Date.now(), messaging.options.webhookReplayWindowSeconds)) {
    return refuse(res, 401, "timestamp outside the replay window")
  }
  let raw = req.rawBody
  if (!raw) {
    const read = await readRawBody(req, SENDGRID_WEBHOOK_MAX_BYTES)
    if (!read.ok) {
      return refuse(res, 413, `request body is larger than ${SENDGRID_WEBHOOK_MAX_BYTES} bytes`)
    }
    raw = read.body
  }
  if (!verifySendgridSignature({ publicKey: key, payload: raw, signature, timestamp })) {
    return refuse(res, 401, "invalid signature")
  }
  const parsed = parseSendgridEvents(raw)
  if (parsed.malformed) {
    req.scope
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`sendgrid webhook: skipped ${parsed.malformed} unreadable event(s) of a batch of ${parsed.events.length + parsed.malformed + parsed.duplicates}`)
  }
  const result = await messaging.applyProviderEvents(
    parsed.events.map((e) => ({
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
  res.status(200).json({ ...result, duplicates: result.duplicates + parsed.duplicates, malformed: parsed.malformed })
}
