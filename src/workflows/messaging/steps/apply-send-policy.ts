import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_MESSAGING_MODULE, decideSend, isValidTimeZone, timeZoneForCountry } from "../../../modules/messaging"
import type { ConsentStatus, RecentSend, SendDecision, SendPriority, SuppressionReason } from "../../../modules/messaging"
import { getTemplate } from "../../../emails"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { LoggedMessage } from "../../../modules/messaging/service"
import { quietHoursSchema } from "../../../lib/time-zone"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"

export const applySendPolicyStepId = "apply-retention-send-policy"

export type RegistryRefusal = { email: string; topic: string; reason: string }

const SENDABLE = new Set(["queued", "deferred", "retrying"])

/**
 * The one send policy, applied in bulk: consent, suppression, paused campaigns, an external
 * consent registry's refusals (the `checkConsentRegistry` hook), frequency caps and quiet
 * hours. Suppressed and deferred rows are recorded; the rest go on to be sent.
 */
export const applySendPolicyStep = createStep(
  applySendPolicyStepId,
  async (input: { rows: LoggedMessage[]; registryRefusals?: RegistryRefusal[] | null }, { container }) => {
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const now = new Date()
    // A message waiting out a temporary provider failure goes again only once its backoff has
    // passed, whoever asks: the retry policy, not the caller's schedule, spaces the attempts.
    const candidates = input.rows.filter(
      (r) => SENDABLE.has(r.status) && !(r.status === "retrying" && r.next_attempt_at && new Date(r.next_attempt_at) > now)
    )
    if (!candidates.length) {
      return new StepResponse({ toSend: [] as LoggedMessage[], decisions: {} as Record<string, SendDecision> })
    }
    const [consent, brand] = await Promise.all([settings.getSection("consent"), settings.getSection("brand")])
    const scopes = [
      ...new Set(
        candidates.flatMap((r) => [`topic:${r.topic}`, ...(r.campaign_id ? [`campaign:${r.campaign_id}`] : [])])
      ),
    ]
    const ctx = await messaging.loadPolicyContext({
      emails: candidates.map((r) => r.to_email),
      scopes,
      since: new Date(now.getTime() - 7 * 86_400_000),
    })
    const paused = new Set(ctx.pausedScopes)
    const refusals = input.registryRefusals ?? []
    // Each send weighs by its template's priority; an uncapped template's sends never count.
    // A template no longer registered counts for everyone, as a send of unknown priority.
    const priorityOf = (template: string): SendPriority => getTemplate(template)?.priority ?? "normal"
    // Sends decided in this batch count towards the caps of later rows for the same person.
    const sendsByEmail = new Map<string, RecentSend[]>()
    for (const s of ctx.recentSends) {
      const template = getTemplate(s.template)
      if (template?.uncapped) continue
      const send: RecentSend = template ? { at: s.sent_at, priority: priorityOf(s.template) } : s.sent_at
      sendsByEmail.set(s.email, [...(sendsByEmail.get(s.email) ?? []), send])
    }

    const decisions: Record<string, SendDecision> = {}
    const outcomes: Parameters<MessagingModuleService["setOutcomes"]>[0] = []
    const toSend: LoggedMessage[] = []
    for (const row of candidates) {
      const consentOf = (topic: string) =>
        ctx.consents.find((c) => c.email === row.to_email && c.topic === topic)?.status as ConsentStatus | undefined
      const refusal = refusals.find(
        (r) => r.email.toLowerCase() === row.to_email && (r.topic === row.topic || r.topic === "all")
      )
      const meta = row.metadata ?? {}
      // An unknown zone falls back to the country's (or the store's) instead of failing the batch.
      const ownZone = isValidTimeZone(meta.time_zone) ? meta.time_zone : null
      const country = typeof meta.country_code === "string" ? meta.country_code : null
      const decision = decideSend({
        category: row.category,
        topic: row.topic,
        now,
        consentPolicy: consent.values.policy,
        consentAll: consentOf("all"),
        consentTopic: consentOf(row.topic),
        suppressions: ctx.suppressions
          .filter((s) => s.email === row.to_email)
          .map((s) => s.reason as SuppressionReason),
        pausedScope: row.campaign_id && paused.has(`campaign:${row.campaign_id}`)
          ? `campaign:${row.campaign_id}`
          : paused.has(`topic:${row.topic}`)
            ? `topic:${row.topic}`
            : null,
        registry: refusal ? { allowed: false, reason: refusal.reason } : null,
        recentMarketingSends: sendsByEmail.get(row.to_email) ?? [],
        uncapped: meta.uncapped === true,
        priority: priorityOf(row.template),
        maxPerDay: consent.values.maxMarketingPerDay,
        maxPerWeek: consent.values.maxMarketingPerWeek,
        // The sending campaign's own quiet hours, when it set them; else the store-wide ones.
        quietHours: quietHoursSchema.safeParse(meta.quiet_hours).data ?? {
          enabled: consent.values.quietHoursEnabled,
          start: consent.values.quietHoursStart,
          end: consent.values.quietHoursEnd,
        },
        timeZone: ownZone ?? timeZoneForCountry(country, brand.values.timezone),
      })
      decisions[row.id] = decision
      if (decision.action === "send") {
        toSend.push(row)
        if (row.category === "marketing" && meta.uncapped !== true) {
          sendsByEmail.set(row.to_email, [...(sendsByEmail.get(row.to_email) ?? []), { at: now, priority: priorityOf(row.template) }])
        }
      } else if (decision.action === "suppress") {
        outcomes.push({ id: row.id, status: "suppressed", reason: decision.reason })
      } else {
        outcomes.push({ id: row.id, status: "deferred", reason: decision.reason, deferred_until: decision.until })
      }
    }
    await messaging.setOutcomes(outcomes)
    return new StepResponse({ toSend, decisions })
  }
)
