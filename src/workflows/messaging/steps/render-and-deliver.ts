import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { BrandSettings, emailRenderer, getTemplate, TemplateRenderError } from "../../../emails"
import type { RenderedEmail } from "../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type { MessageStatus } from "../../../modules/messaging/models/message"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { MessageRow } from "../../../modules/messaging/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { sendgridFailureKind } from "../../../providers/sendgrid-marketing"

export const renderAndDeliverStepId = "render-and-deliver-retention-messages"

type NotificationRecord = {
  id: string
  idempotency_key: string | null
  status: string
  external_id: string | null
  provider_id: string | null
}

/**
 * The Notification Module reports a chunk's failures as one error whose message joins
 * "Failed to send notification with id <id>:\n<provider error>" per failed send; this picks out
 * the part about one notification.
 */
export function failureFor(aggregate: string, notificationId: string): string | null {
  const marker = "Failed to send notification with id "
  const parts = aggregate.split(marker).slice(1)
  const mine = parts.find((p) => p.startsWith(`${notificationId}:`))
  return mine ? mine.slice(notificationId.length + 1).trim() : null
}

export type DeliveryOutcome = { id: string; status: MessageStatus | "in_progress"; reason: string | null }

/**
 * Renders each message (merchant overrides included), stores what will be sent while claiming
 * the rows (compare-and-set, so one worker sends each) and hands them to the Notification Module
 * on the plugin's channel, a chunk at a time. It cannot be undone (an email cannot be unsent), so it runs last and has no
 * compensation; a failure is recorded on the message instead of failing the batch.
 */
export const renderAndDeliverStep = createStep(
  renderAndDeliverStepId,
  async (input: { rows: MessageRow[] }, { container }) => {
    if (!input.rows.length) {
      return new StepResponse([] as DeliveryOutcome[])
    }
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const notifications = container.resolve(Modules.NOTIFICATION)
    const brandValues = (await settings.getSection("brand")).values
    const brand: BrandSettings = {
      ...brandValues,
      replyTo: brandValues.replyTo ?? undefined,
      logoUrl: brandValues.logoUrl ?? undefined,
    }
    const overrides = await messaging.listTemplateOverrides({
      template: [...new Set(input.rows.map((r) => r.template))],
    })
    const channel = messaging.options.emailChannel

    // 1. Render every message (CPU only). A template that cannot render will not render on
    //    retry either: fail it and say why.
    const outcomes: DeliveryOutcome[] = []
    const ready: { row: MessageRow; rendered: RenderedEmail; unsubscribeUrl?: string }[] = []
    for (const row of input.rows) {
      const template = getTemplate(row.template)
      const override = overrides.find((o) => o.template === row.template && o.locale === row.locale)
      // A marketing template always carries its unsubscribe link, also in an admin's test send.
      const unsubscribeUrl =
        template?.category === "marketing"
          ? messaging.unsubscribeUrl({ m: row.id, e: row.to_email, t: template.topic, l: row.locale })
          : undefined
      try {
        const rendered = emailRenderer.render({
          template: row.template,
          locale: row.locale,
          data: row.data ?? {},
          brand,
          unsubscribeUrl,
          override: override
            ? { subject: override.subject ?? undefined, mjml: override.mjml ?? undefined, version: `${override.id}:${override.version}` }
            : undefined,
        })
        ready.push({ row, rendered, unsubscribeUrl })
      } catch (e) {
        const message = e instanceof TemplateRenderError || e instanceof Error ? e.message : String(e)
        if (await messaging.claimForSending(row.id)) {
          await messaging.recordFailure({ id: row.id, error: message, permanent: true })
          outcomes.push({ id: row.id, status: "failed", reason: message })
        } else {
          outcomes.push({ id: row.id, status: "in_progress", reason: null })
        }
      }
    }

    // 2. Store what will be sent and claim the rows, in one statement. A row another worker
    //    claimed first is theirs to send.
    const claimed = new Set(
      await messaging.claimRendered(ready.map(({ row, rendered }) => ({ id: row.id, ...rendered })))
    )
    const toSend = ready.filter(({ row }) => {
      if (!claimed.has(row.id)) outcomes.push({ id: row.id, status: "in_progress", reason: null })
      return claimed.has(row.id)
    })

    // 3. Hand them to the Notification Module in chunks of `sendConcurrency`: one call creates
    //    the chunk's records in one transaction, sends in parallel and updates them together.
    //    The message id is the Notification Module's idempotency key, so a stale "sending" row
    //    is settled by looking its record up.
    const size = messaging.options.sendConcurrency
    for (let i = 0; i < toSend.length; i += size) {
      const chunk = toSend.slice(i, i + size)
      let failureText = ""
      let returned: NotificationRecord[] = []
      try {
        returned = (await notifications.createNotifications(
          chunk.map(({ row, rendered, unsubscribeUrl }) => ({
            to: row.to_email,
            channel,
            template: row.template,
            idempotency_key: row.id,
            receiver_id: row.customer_id ?? undefined,
            content: { subject: rendered.subject, html: rendered.html, text: rendered.text },
            data: {
              // RFC 8058 one-click unsubscribe: mailbox providers POST to this URL.
              headers: unsubscribeUrl
                ? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
                : {},
              categories: ["retention", row.topic, row.template],
              custom_args: { retention_message_id: row.id, retention_topic: row.topic },
              reply_to: brand.replyTo,
              from_name: brand.fromName,
            },
          }))
        )) as unknown as NotificationRecord[]
      } catch (e) {
        // Some sends of the chunk failed; the module has recorded each one's status.
        failureText = e instanceof Error ? e.message : String(e)
      }
      const ids = chunk.map(({ row }) => row.id)
      let records = returned
      if (failureText || returned.length !== chunk.length) {
        // idempotency_key is a column of the notification table, missing from the DTO types.
        records = (await notifications.listNotifications(
          { idempotency_key: ids } as Record<string, unknown>,
          { select: ["id", "idempotency_key", "status", "external_id", "provider_id"] }
        )) as unknown as NotificationRecord[]
      }
      const byKey = new Map(records.map((r) => [r.idempotency_key, r]))
      const sent: { id: string; provider_id: string | null; provider_message_id: string | null }[] = []
      for (const id of ids) {
        const record = byKey.get(id)
        if (record?.status === "success") {
          sent.push({ id, provider_id: record.provider_id ?? null, provider_message_id: record.external_id ?? null })
          outcomes.push({ id, status: "sent", reason: null })
          continue
        }
        const message = (record && failureFor(failureText, record.id)) || failureText || "provider did not answer"
        const kind = sendgridFailureKind(new Error(message))
        const status = await messaging.recordFailure({ id, error: message, permanent: kind === "permanent" })
        outcomes.push({ id, status, reason: message })
      }
      await messaging.recordSentMany(sent)
    }
    return new StepResponse(outcomes)
  }
)
