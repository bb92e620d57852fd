import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { chooseEmailLocale } from "../../../lib/email-locale"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { pointValueFor } from "../../../modules/loyalty/program"
import type { ProgramSettings } from "../../../modules/loyalty/program"
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
  /**
   * Data fields to fill with the money value of a number of points (field → points), in the
   * currency of the customer's latest order (else the store's default currency), with
   * `currency` set; left out when neither is known.
   */
  values?: Record<string, number>
}

type LoyaltyRecipient = {
  id: string
  email: string | null
  first_name: string | null
  metadata: Record<string, unknown> | null
  addresses: ({ country_code: string | null; is_default_shipping: boolean | null } | null)[] | null
}

/**
 * A loyalty email is about the customer, not one cart: their stored language, else where their
 * latest order went (one indexed read per recipient; a batch is at most a job's page), else their
 * default shipping address, else the store default.
 */
async function recipientContext(
  container: MedusaContainer,
  customer: LoyaltyRecipient,
  brand: Parameters<typeof chooseEmailLocale>[1]
): Promise<{ locale: string; currency: string | null }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "locale", "currency_code", "shipping_address.country_code", "billing_address.country_code", "region.countries.iso_2"],
    filters: { customer_id: customer.id },
    pagination: { take: 1, order: { created_at: "DESC" } },
  })
  const order = orders[0]
  const saved = (customer.addresses ?? []).find((a) => a?.is_default_shipping)
  const locale = chooseEmailLocale(
    {
      customerLocale: customer.metadata?.locale,
      storefrontLocale: (order?.locale as string | null | undefined) ?? null,
      shippingCountry: order?.shipping_address?.country_code ?? (order ? null : saved?.country_code),
      billingCountry: order?.billing_address?.country_code,
      regionCountries: ((order?.region?.countries ?? []) as ({ iso_2?: string | null } | null)[]).map((c) => c?.iso_2),
    },
    brand
  )
  const currency = typeof order?.currency_code === "string" && /^[a-z]{3}$/i.test(order.currency_code) ? order.currency_code.toLowerCase() : null
  return { locale, currency }
}

/** The store's default currency (lower case), or null when it has none or it cannot be read. */
async function storeDefaultCurrency(container: MedusaContainer): Promise<string | null> {
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "store",
      fields: ["id", "supported_currencies.currency_code", "supported_currencies.is_default"],
      pagination: { take: 1 },
    })
    const currencies = (data[0]?.supported_currencies ?? []) as ({ currency_code?: string | null; is_default?: boolean | null } | null)[]
    const code = currencies.find((c) => c?.is_default)?.currency_code
    return typeof code === "string" && /^[a-z]{3}$/i.test(code) ? code.toLowerCase() : null
  } catch {
    return null
  }
}

/** Money value of `points` at the program's point value for `currency`, to the cent. */
export function pointsMoneyValue(settings: ProgramSettings, currency: string, points: number): number {
  return Math.round(points * pointValueFor(settings, currency) * 100) / 100
}

/** Sends loyalty emails through the messaging core, adding the recipient and the rewards link. */
export async function sendLoyaltyEmails(container: MedusaContainer, emails: LoyaltyEmail[]): Promise<SendEmailResult[]> {
  if (!emails.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const brand = (await settings.getSection("brand")).values
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "has_account", "metadata", "addresses.country_code", "addresses.is_default_shipping"],
    filters: { id: [...new Set(emails.map((e) => e.customer_id))] },
  })
  const customers = new Map((data as LoyaltyRecipient[]).map((c) => [c.id, c]))
  const contexts = new Map<string, { locale: string; currency: string | null }>()
  for (const customer of customers.values()) {
    contexts.set(customer.id, await recipientContext(container, customer, brand))
  }
  const program = emails.some((e) => e.values) ? await container.resolve<LoyaltyModuleService>(RETENTION_LOYALTY_MODULE).getProgram() : null
  // A customer without an order (sign-up points only) sees the value in the store's currency.
  const fallbackCurrency =
    program && emails.some((e) => e.values && !contexts.get(e.customer_id)?.currency) ? await storeDefaultCurrency(container) : null
  const rewardsUrl = `${brand.storefrontUrl.replace(/\/$/, "")}/account/rewards`
  const messages = emails.flatMap((e) => {
    const customer = customers.get(e.customer_id)
    if (!customer?.email) return []
    const context = contexts.get(customer.id)
    const currency = context?.currency ?? fallbackCurrency
    const values =
      e.values && program && currency
        ? {
            currency,
            ...Object.fromEntries(Object.entries(e.values).map(([field, points]) => [field, pointsMoneyValue(program, currency, points)])),
          }
        : {}
    return [
      {
        idempotency_key: e.key,
        template: e.template,
        to: customer.email,
        customer_id: customer.id,
        locales: [context?.locale],
        data: { customerName: customer.first_name ?? undefined, rewardsUrl, ...e.data, ...values },
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
