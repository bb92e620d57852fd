import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { pickLocale } from "../../../api/retention/page"
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
      fields: ["id", "shipping_address.first_name", "shipping_address.country_code", "customer.first_name"],
      filters: { id: survey.order_id },
    })
    const order = orders[0]
    const locale = pickLocale(survey.locale, brand.defaultLocale)
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
