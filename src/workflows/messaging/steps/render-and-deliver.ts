import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BrandSettings, emailRenderer, getTemplate, TemplateRenderError } from "../../../emails"
import type { RenderedEmail } from "../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type { MessageStatus } from "../../../modules/messaging/models/message"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { LoggedMessage } from "../../../modules/messaging/service"
import { brandSender, RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { sendgridFailureKind } from "../../../providers/sendgrid-marketing"
import { canReadProviderRegistry, directProviderFor, type DirectProvider } from "../../../lib/notification-providers"
import type { INotificationModuleService, ProviderSendNotificationDTO } from "@medusajs/framework/types"

// Said once per process: the fallback works, it is only slower.
let registryWarned = false

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

type Payload = { idempotency_key: string } & ProviderSendNotificationDTO & { receiver_id?: string }
type Answer =
  | { ok: true; providerId: string | null; externalId: string | null }
  | { ok: false; error: string; permanent: boolean }

/** Straight to the plugin's provider, all of a chunk at once; each send settles on its own. */
async function sendDirect(provider: DirectProvider, payloads: Payload[]): Promise<Map<string, Answer>> {
  const results = await Promise.allSettled(payloads.map((p) => provider.send(p)))
  return new Map(
    results.map((result, i): [string, Answer] => {
      if (result.status === "fulfilled") {
        return [payloads[i].idempotency_key, { ok: true, providerId: provider.id, externalId: result.value?.id ?? null }]
      }
      const error = result.reason instanceof Error ? result.reason : new Error(String(result.reason))
      return [payloads[i].idempotency_key, { ok: false, error: error.message, permanent: sendgridFailureKind(error) === "permanent" }]
    })
  )
}

/**
 * Through createNotifications: one call creates the chunk's records in one transaction, sends in
 * parallel and updates them together; each email also gets a Notification Module record.
 */
async function sendThroughNotificationModule(notifications: INotificationModuleService, payloads: Payload[]): Promise<Map<string, Answer>> {
  let failureText = ""
  let records: NotificationRecord[] = []
  try {
    records = (await notifications.createNotifications(payloads)) as unknown as NotificationRecord[]
  } catch (e) {
    // Some sends of the chunk failed; the module has recorded each one's status.
    failureText = e instanceof Error ? e.message : String(e)
  }
  if (failureText || records.length !== payloads.length) {
    // idempotency_key is a column of the notification table, missing from the DTO types.
    records = (await notifications.listNotifications(
      { idempotency_key: payloads.map((p) => p.idempotency_key) } as Record<string, unknown>,
      { select: ["id", "idempotency_key", "status", "external_id", "provider_id"] }
    )) as unknown as NotificationRecord[]
  }
  const byKey = new Map(records.map((r) => [r.idempotency_key, r]))
  return new Map(
    payloads.map((p): [string, Answer] => {
      const record = byKey.get(p.idempotency_key)
      if (record?.status === "success") {
        return [p.idempotency_key, { ok: true, providerId: record.provider_id ?? null, externalId: record.external_id ?? null }]
      }
      const message = (record && failureFor(failureText, record.id)) || failureText || "provider did not answer"
      return [p.idempotency_key, { ok: false, error: message, permanent: sendgridFailureKind(new Error(message)) === "permanent" }]
    })
  )
}

// `retry_at`: when a message that failed temporarily ("retrying") is due again.
export type DeliveryOutcome = { id: string; status: MessageStatus | "in_progress"; reason: string | null; retry_at?: Date | null }

/**
 * Renders each message (merchant overrides included), then a chunk at a time stores what will be
 * sent while claiming the rows (compare-and-set, so one worker sends each) and hands them to the
 * provider the store registered under the Notification Module for the plugin's channel: directly
 * when it is one of the plugin's providers, else (or with `recordNotifications`) through
 * createNotifications. It cannot be undone (an email cannot be unsent), so it runs last and has
 * no compensation; a failure is recorded on the message instead of failing the batch.
 */
export const renderAndDeliverStep = createStep(
  renderAndDeliverStepId,
  async (input: { rows: LoggedMessage[] }, { container }) => {
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
    // The saved brand is the sender; the provider's own `from` only while the brand has none.
    const sender = brandSender(brandValues)
    const overrides = await messaging.listTemplateOverrides({
      template: [...new Set(input.rows.map((r) => r.template))],
    })
    const channel = messaging.options.emailChannel
    const dataById = await messaging.messageData(input.rows.map((r) => r.id))

    // 1. Render every message (CPU only). A template that cannot render will not render on
    //    retry either: fail it and say why.
    const outcomes: DeliveryOutcome[] = []
    const ready: { row: LoggedMessage; rendered: RenderedEmail; unsubscribeUrl?: string }[] = []
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
          data: dataById.get(row.id) ?? {},
          brand,
          unsubscribeUrl,
          override: override
            ? {
                subject: override.subject ?? undefined,
                mjml: override.mjml ?? undefined,
                strings: (override.strings as Record<string, string> | null) ?? undefined,
                version: `${override.id}:${override.version}`,
              }
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

    // 2. Deliver in chunks of `sendConcurrency`. Each chunk is claimed just before its sends
    //    (compare-and-set, storing what will be sent), so if this process dies, the rows of later
    //    chunks are still queued and are sent by the next run. A row another worker claimed
    //    first is theirs to send.
    const direct = messaging.options.recordNotifications ? null : await directProviderFor(notifications, channel)
    if (!direct && !messaging.options.recordNotifications && !registryWarned && !canReadProviderRegistry(notifications)) {
      registryWarned = true
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          "retention: this Medusa's Notification Module has no provider registry the plugin can read; " +
            "emails go through createNotifications (correct, but slower). See the README, Delivery."
        )
    }
    const size = messaging.options.sendConcurrency
    for (let i = 0; i < ready.length; i += size) {
      const chunk = ready.slice(i, i + size)
      const claimed = new Set(
        await messaging.claimRendered({
          messages: chunk.map(({ row, rendered }) => ({ id: row.id, ...rendered })),
          dispatch: direct ? "direct" : "notification_module",
        })
      )
      const toSend = chunk.filter(({ row }) => {
        if (!claimed.has(row.id)) outcomes.push({ id: row.id, status: "in_progress", reason: null })
        return claimed.has(row.id)
      })
      if (!toSend.length) continue
      const payloads = toSend.map(({ row, rendered, unsubscribeUrl }) => ({
        to: row.to_email,
        channel,
        template: row.template,
        // The message id: the Notification Module's idempotency key, so a stale "sending" row
        // sent through it is settled by looking its record up.
        idempotency_key: row.id,
        receiver_id: row.customer_id ?? undefined,
        from: sender.email,
        content: { subject: rendered.subject, html: rendered.html, text: rendered.text },
        data: {
          // RFC 8058 one-click unsubscribe: mailbox providers POST to this URL.
          headers: unsubscribeUrl
            ? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
            : {},
          categories: ["retention", row.topic, row.template],
          custom_args: { retention_message_id: row.id, retention_topic: row.topic },
          reply_to: brand.replyTo,
          from_name: sender.name,
        },
      }))
      const answers = direct
        ? await sendDirect(direct, payloads)
        : await sendThroughNotificationModule(notifications, payloads)
      const sent: { id: string; provider_id: string | null; provider_message_id: string | null }[] = []
      for (const { row } of toSend) {
        const answer = answers.get(row.id)
        if (answer?.ok) {
          sent.push({ id: row.id, provider_id: answer.providerId, provider_message_id: answer.externalId })
          outcomes.push({ id: row.id, status: "sent", reason: null })
          continue
        }
        const message = answer?.error || "provider did not answer"
        const failure = await messaging.recordFailure({ id: row.id, error: message, permanent: answer?.permanent ?? false })
        outcomes.push({ id: row.id, status: failure.status, reason: message, retry_at: failure.next_attempt_at })
      }
      await messaging.recordSentMany(sent)
    }
    return new StepResponse(outcomes)
  }
)
