import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { BrandSettings, emailRenderer, getTemplate, TemplateRenderError } from "../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type { MessageStatus } from "../../../modules/messaging/models/message"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { MessageRow } from "../../../modules/messaging/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { sendgridFailureKind } from "../../../providers/sendgrid-marketing"

export const renderAndDeliverStepId = "render-and-deliver-retention-messages"

export type DeliveryOutcome = { id: string; status: MessageStatus | "in_progress"; reason: string | null }

/**
 * Renders each message (merchant overrides included), stores what will be sent, claims the row
 * (compare-and-set, so one worker sends it) and hands it to the Notification Module on the
 * plugin's channel. It cannot be undone (an email cannot be unsent), so it runs last and has no
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

    const deliver = async (row: MessageRow): Promise<DeliveryOutcome> => {
      const override = overrides.find((o) => o.template === row.template && o.locale === row.locale)
      // A marketing template always carries its unsubscribe link, also in an admin's test send.
      const marketingTemplate = getTemplate(row.template)?.category === "marketing"
      const unsubscribeUrl = marketingTemplate
        ? messaging.unsubscribeUrl({
            m: row.id,
            e: row.to_email,
            t: getTemplate(row.template)?.topic ?? row.topic,
            l: row.locale,
          })
        : undefined
      let rendered
      try {
        rendered = emailRenderer.render({
          template: row.template,
          locale: row.locale,
          data: row.data ?? {},
          brand,
          unsubscribeUrl,
          override: override
            ? { subject: override.subject ?? undefined, mjml: override.mjml ?? undefined, version: `${override.id}:${override.version}` }
            : undefined,
        })
      } catch (e) {
        // A template that cannot render will not render on retry either: fail it, say why.
        const message = e instanceof TemplateRenderError || e instanceof Error ? e.message : String(e)
        if (await messaging.claimForSending(row.id)) {
          await messaging.recordFailure({ id: row.id, error: message, permanent: true })
          return { id: row.id, status: "failed", reason: message }
        }
        return { id: row.id, status: "in_progress", reason: null }
      }
      await messaging.storeRendered([{ id: row.id, ...rendered }])
      if (!(await messaging.claimForSending(row.id))) {
        return { id: row.id, status: "in_progress", reason: null }
      }
      const headers: Record<string, string> = {}
      if (unsubscribeUrl) {
        // RFC 8058 one-click unsubscribe: mailbox providers POST to this URL.
        headers["List-Unsubscribe"] = `<${unsubscribeUrl}>`
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
      }
      try {
        const [sent] = await notifications.createNotifications([
          {
            to: row.to_email,
            channel,
            template: row.template,
            // The message id is the Notification Module's idempotency key: a stale "sending"
            // row is settled by looking this record up.
            idempotency_key: row.id,
            receiver_id: row.customer_id ?? undefined,
            content: { subject: rendered.subject, html: rendered.html, text: rendered.text },
            data: {
              headers,
              categories: ["retention", row.topic, row.template],
              custom_args: { retention_message_id: row.id, retention_topic: row.topic },
              reply_to: brand.replyTo,
              from_name: brand.fromName,
            },
          },
        ])
        await messaging.recordSent({
          id: row.id,
          provider_id: sent?.provider_id ?? null,
          provider_message_id: sent?.external_id ?? null,
        })
        return { id: row.id, status: "sent", reason: null }
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        const kind = sendgridFailureKind(e)
        const status = await messaging.recordFailure({ id: row.id, error: message, permanent: kind === "permanent" })
        return { id: row.id, status, reason: message }
      }
    }

    // Bounded concurrency: enough to keep the provider busy, not so much that the database pool
    // or SendGrid's rate limit is flooded.
    const outcomes: DeliveryOutcome[] = []
    const queue = [...input.rows]
    const workers = Array.from({ length: Math.min(messaging.options.sendConcurrency, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        outcomes.push(await deliver(row))
      }
    })
    await Promise.all(workers)
    return new StepResponse(outcomes)
  }
)
