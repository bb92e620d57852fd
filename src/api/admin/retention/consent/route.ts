import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"
import { normalizeEmail } from "../../../../modules/messaging/service"
import { parseInput } from "../messages/helpers"
import { GetConsentQuery, SetConsentBody } from "./validators"

const LOG_LIMIT = 100

async function consentState(messaging: MessagingModuleService, email: string) {
  const [consents, log, suppressions] = await Promise.all([
    messaging.listConsents({ email }, { order: { topic: "ASC" } }),
    messaging.listConsentLogs({ email }, { order: { recorded_at: "DESC", id: "DESC" }, take: LOG_LIMIT }),
    messaging.listSuppressions({ email }, { order: { created_at: "DESC" } }),
  ])
  return { email, consents, log, suppressions }
}

/** One address's consent per topic, its consent history (newest first) and suppressions. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(GetConsentQuery, req.query, "query")
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  res.json(await consentState(messaging, normalizeEmail(query.email)))
}

/**
 * Records consent on someone's behalf (e.g. asked by phone). Logged with source "admin" and the
 * admin's user id as reference, so the change stays provable.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(SetConsentBody, req.body)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const email = normalizeEmail(body.email)
  const { changed } = await messaging.setConsent({
    email,
    topic: body.topic,
    status: body.status,
    source: "admin",
    reference: req.auth_context?.actor_id ?? null,
    note: body.note || null,
  })
  const state = await consentState(messaging, email)
  res.json({ changed, consents: state.consents, email })
}
