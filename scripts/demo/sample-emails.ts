import type { MedusaContainer } from "@medusajs/framework/types"
import { listTemplates, SUPPORTED_LOCALES } from "../../src/emails"
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
