import type { MedusaContainer } from "@medusajs/framework/types"
import { listTemplates, SUPPORTED_LOCALES } from "../../src/emails"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { sendRetentionEmailsWorkflow } from "../../src/workflows/messaging/send-retention-emails"

/**
 * Sends every template once per locale with its sample data to a demo address, so the outbox
 * and Retention → Messages show real rendered emails from the first start. They go out as
 * admin-style test sends (transactional), so quiet hours or caps never hold them back; the
 * features' own emails follow as their jobs find work. Idempotent by key.
 */
export async function sendDemoSampleEmails(container: MedusaContainer, to = "samples@retention.demo") {
  const messages = listTemplates().flatMap((template) =>
    SUPPORTED_LOCALES.map((locale) => ({
      idempotency_key: `demo-sample:${template.name}:${locale}`,
      template: template.name,
      to,
      data: template.sampleData as Record<string, unknown>,
      locales: [locale],
      test: true,
    }))
  )
  const { result } = await sendRetentionEmailsWorkflow(container).run({ input: { messages } })
  return result
}

/**
 * One email that failed after a day of provider retries, as an outage leaves it, so Retention →
 * Messages shows a failed row with its reason and the Resend button from the first start.
 * Idempotent by key.
 */
export async function recordDemoFailedEmail(container: MedusaContainer, to = "samples@retention.demo") {
  const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
  const idempotency_key = "demo-sample:failed-after-outage"
  if ((await messaging.listMessages({ idempotency_key })).length) return
  const dayAgo = new Date(Date.now() - 86400_000)
  await messaging.createMessages({
    idempotency_key,
    topic: "loyalty",
    category: "transactional",
    template: "loyalty-points-earned",
    locale: "en",
    to_email: to,
    status: "failed",
    status_reason: "retries_exhausted",
    last_error: "503 Service Unavailable (demo: the provider was down for a day)",
    attempts: 9,
    first_failed_at: dayAgo,
    subject: "You earned 120 points",
    data: listTemplates().find((t) => t.name === "loyalty-points-earned")?.sampleData as Record<string, unknown>,
  })
}
