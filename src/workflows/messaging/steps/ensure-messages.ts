import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { getTemplate, resolveLocale } from "../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { LoggedMessage, MessageRow } from "../../../modules/messaging/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { SendEmailInput } from "../types"

export const ensureMessagesStepId = "ensure-retention-messages"

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Writes the message log row for every request before anything else happens (or finds the
 * row a previous run wrote for the same key). Nothing to compensate: the rows are the log.
 * Answers one row per request, in the request's order.
 */
export const ensureMessagesStep = createStep(
  ensureMessagesStepId,
  async (input: { messages: SendEmailInput[] }, { container }) => {
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    const brand = await settings.getSection("brand")

    const seen = new Set<string>()
    const rows = input.messages.map((m, i) => {
      const template = getTemplate(m.template)
      if (!template) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `messages[${i}].template: unknown template "${m.template}"`)
      }
      if (!m.idempotency_key || m.idempotency_key.length > 300) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `messages[${i}].idempotency_key: required, at most 300 characters`)
      }
      if (!EMAIL.test(m.to ?? "")) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `messages[${i}].to: not an email address`)
      }
      if (seen.has(m.idempotency_key)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `messages[${i}].idempotency_key: repeated in one batch`)
      }
      seen.add(m.idempotency_key)
      return {
        idempotency_key: m.idempotency_key,
        topic: m.test ? ("system" as const) : template.topic,
        category: m.test ? ("transactional" as const) : template.category,
        template: template.name,
        locale: resolveLocale(m.locales ?? [], brand.values.defaultLocale),
        to_email: m.to,
        customer_id: m.customer_id ?? null,
        campaign_id: m.campaign_id ?? null,
        data: m.data,
        metadata: {
          country_code: m.country_code ?? null,
          time_zone: m.time_zone ?? null,
          ...(m.quiet_hours ? { quiet_hours: m.quiet_hours } : {}),
          ...(template.uncapped ? { uncapped: true } : {}),
        },
      }
    })
    const stored: MessageRow[] = await messaging.ensureMessages(rows)
    // In the order of the request, and without the template data (the render step reads it).
    const byKey = new Map(stored.map(({ data: _data, ...row }) => [row.idempotency_key, row]))
    const ordered: LoggedMessage[] = rows.map((r) => {
      const row = byKey.get(r.idempotency_key)
      if (!row) {
        throw new Error(`message for ${r.idempotency_key} vanished`)
      }
      return row
    })
    return new StepResponse(ordered)
  }
)
