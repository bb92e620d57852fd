import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { chooseEmailLocale } from "../../../lib/email-locale"
import { RETENTION_NPS_MODULE } from "../../../modules/nps"
import type NpsModuleService from "../../../modules/nps/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import type { SendEmailInput } from "../../messaging/types"

export const prepareNpsSurveyEmailStepId = "prepare-nps-survey-email"

/** The survey email for a scheduled survey, under the key `nps:<order_id>`; null when not due. */
export const prepareNpsSurveyEmailStep = createStep(
  prepareNpsSurveyEmailStepId,
  async (input: { survey_id: string; now: Date }, { container }) => {
    const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
    const [survey] = await service.listNpsSurveys({ id: input.survey_id })
    if (!survey || survey.status !== "scheduled") {
      return new StepResponse({ survey_id: input.survey_id, message: null as SendEmailInput | null })
    }
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const [{ values: nps }, { values: brand }] = await Promise.all([settings.getSection("nps"), settings.getSection("brand")])
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "shipping_address.first_name",
        "shipping_address.country_code",
        "billing_address.country_code",
        "region.countries.iso_2",
        "customer.first_name",
        "customer.metadata",
      ],
      filters: { id: survey.order_id },
    })
    const order = orders[0]
    // The survey keeps the order's own locale (set by the storefront); the rest is read now.
    const locale = chooseEmailLocale(
      {
        customerLocale: order?.customer?.metadata?.locale,
        storefrontLocale: survey.locale,
        shippingCountry: order?.shipping_address?.country_code,
        billingCountry: order?.billing_address?.country_code,
        regionCountries: ((order?.region?.countries ?? []) as ({ iso_2?: string | null } | null)[]).map((c) => c?.iso_2),
      },
      brand
    )
    const message: SendEmailInput = {
      idempotency_key: `nps:${survey.order_id}`,
      template: "nps-survey",
      to: survey.email,
      customer_id: survey.customer_id,
      locales: [locale],
      country_code: order?.shipping_address?.country_code ?? null,
      data: {
        customerName: order?.customer?.first_name || order?.shipping_address?.first_name || undefined,
        orderDisplayId: survey.order_display_id ?? undefined,
        question: nps.question[locale].replace(/\{storeName\}/g, brand.storeName),
        // Workflow inputs arrive serialized: `now` may be an ISO string here.
        scoreUrls: service.scoreUrls({ s: survey.id, l: locale }, new Date(input.now)),
      },
    }
    return new StepResponse({ survey_id: survey.id, message })
  }
)
