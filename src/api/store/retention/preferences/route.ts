import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { updateCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { storedLocale } from "../../../../lib/email-locale"
import { CONSENT_TOPICS, RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"
import { normalizeEmail } from "../../../../modules/messaging/service"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"
import { UpdatePreferencesBody } from "./validators"

async function loggedInCustomer(req: AuthenticatedMedusaRequest) {
  const customerId = req.auth_context?.actor_id
  if (!customerId) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "log in as a customer")
  }
  const customer = await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(customerId)
  if (!customer.email) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "email: the customer has no email address")
  }
  return { id: customer.id, email: normalizeEmail(customer.email), metadata: customer.metadata ?? null }
}

async function preferences(req: AuthenticatedMedusaRequest, email: string, metadata: Record<string, unknown> | null) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const settings: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const [consents, suppressions, consent] = await Promise.all([
    messaging.listConsents({ email }),
    messaging.listSuppressions({ email }),
    settings.getSection("consent"),
  ])
  const policy = consent.values.policy
  const status = (topic: string) => consents.find((c) => c.topic === topic)?.status
  const all = status("all")
  // What the customer will actually receive: opt-out stores send unless revoked, opt-in stores
  // only with a grant.
  const receives = (topic: string) => {
    const own = status(topic)
    if (all === "revoked" || own === "revoked") return false
    return policy === "opt_out" || own === "granted" || all === "granted"
  }
  return {
    email,
    policy,
    all: all !== "revoked",
    topics: Object.fromEntries(CONSENT_TOPICS.map((t) => [t, receives(t)])),
    blocked: suppressions.some((s) => s.reason === "hard_bounce" || s.reason === "spam_complaint"),
    // The language emails use before any address or store default (src/lib/email-locale.ts).
    locale: storedLocale(metadata?.locale),
  }
}

/** The logged-in customer's own email preferences. Nobody else's can be read here. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const customer = await loggedInCustomer(req)
  res.json({ preferences: await preferences(req, customer.email, customer.metadata) })
}

export async function POST(req: AuthenticatedMedusaRequest<UpdatePreferencesBody>, res: MedusaResponse) {
  const customer = await loggedInCustomer(req)
  const email = customer.email
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const body = req.validatedBody
  const reference = req.auth_context?.actor_id ?? null
  if (body.all !== undefined) {
    await messaging.setConsent({ email, topic: "all", status: body.all ? "granted" : "revoked", source: "preferences", reference })
  }
  for (const [topic, wanted] of Object.entries(body.topics ?? {})) {
    if (wanted === undefined) continue
    await messaging.setConsent({ email, topic, status: wanted ? "granted" : "revoked", source: "preferences", reference })
  }
  let metadata = customer.metadata
  if (body.locale !== undefined) {
    // The other metadata keys stay as they are; null (not a deleted key) clears the choice.
    metadata = { ...(metadata ?? {}), locale: body.locale }
    await updateCustomersWorkflow(req.scope).run({ input: { selector: { id: customer.id }, update: { metadata } } })
  }
  res.json({ preferences: await preferences(req, email, metadata) })
}
