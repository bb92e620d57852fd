import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { sendRetentionEmailsWorkflow } from "../../messaging/send-retention-emails"
import type { SendEmailResult } from "../../messaging/types"

export const sendLoyaltyEmailsStepId = "send-loyalty-emails"

export type LoyaltyEmail = {
  // Deterministic, e.g. `loyalty:earned:<order_id>`: the messaging core sends a key once.
  key: string
  template: "loyalty-points-earned" | "loyalty-points-available" | "loyalty-points-expiring" | "loyalty-tier-reached"
  customer_id: string
  data: Record<string, unknown>
}

/** Sends loyalty emails through the messaging core, adding the recipient and the rewards link. */
export async function sendLoyaltyEmails(container: MedusaContainer, emails: LoyaltyEmail[]): Promise<SendEmailResult[]> {
  if (!emails.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const brand = (await settings.getSection("brand")).values
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "has_account"],
    filters: { id: [...new Set(emails.map((e) => e.customer_id))] },
  })
  const customers = new Map((data as { id: string; email: string | null; first_name: string | null }[]).map((c) => [c.id, c]))
  const rewardsUrl = `${brand.storefrontUrl.replace(/\/$/, "")}/account/rewards`
  const messages = emails.flatMap((e) => {
    const customer = customers.get(e.customer_id)
    if (!customer?.email) return []
    return [
      {
        idempotency_key: e.key,
        template: e.template,
        to: customer.email,
        customer_id: customer.id,
        data: { customerName: customer.first_name ?? undefined, rewardsUrl, ...e.data },
      },
    ]
  })
  if (!messages.length) return []
  const { result } = await sendRetentionEmailsWorkflow(container).run({ input: { messages } })
  return result
}

/**
 * Last step of a loyalty workflow: it cannot be undone (an email is out), and a retry with the
 * same keys sends nothing twice. A deferred email (quiet hours, caps) is re-sent with the same
 * key by the loyalty job once its time has come.
 */
export const sendLoyaltyEmailsStep = createStep(sendLoyaltyEmailsStepId, async (input: { emails: LoyaltyEmail[] }, { container }) => {
  const results = await sendLoyaltyEmails(container, input.emails)
  return new StepResponse({ results: results.map((r) => ({ key: r.idempotency_key, status: r.status })) })
})
