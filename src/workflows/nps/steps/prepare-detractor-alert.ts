import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_NPS_MODULE } from "../../../modules/nps"
import type NpsModuleService from "../../../modules/nps/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import type { SendEmailInput } from "../../messaging/types"

export const prepareDetractorAlertStepId = "prepare-detractor-alert"

/**
 * One transactional alert per configured address for a confirmed detractor response, keyed
 * `nps-alert:<response_id>:<address>` so repeated confirmations alert once.
 */
export const prepareDetractorAlertStep = createStep(prepareDetractorAlertStepId, async (input: { response_id: string }, { container }) => {
  const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
  const [response] = await service.listNpsResponses({ id: input.response_id })
  if (!response || response.status !== "confirmed" || response.category !== "detractor") {
    return new StepResponse([] as SendEmailInput[])
  }
  const [survey] = await service.listNpsSurveys({ id: response.survey_id })
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const [{ values: nps }, { values: brand }] = await Promise.all([settings.getSection("nps"), settings.getSection("brand")])
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "shipping_address.first_name", "shipping_address.last_name", "customer.first_name", "customer.last_name"],
    filters: { id: response.order_id },
  })
  const order = orders[0]
  const person = order?.customer?.first_name ? order.customer : order?.shipping_address
  const customerName = [person?.first_name, person?.last_name].filter(Boolean).join(" ") || response.email
  const messages = [...new Set(nps.alertEmails.map((e) => e.toLowerCase()))].map(
    (to): SendEmailInput => ({
      idempotency_key: `nps-alert:${response.id}:${to}`,
      template: "detractor-alert",
      to,
      locales: [brand.defaultLocale],
      data: {
        score: response.score,
        comment: response.comment ?? undefined,
        customerName,
        customerEmail: response.email,
        orderDisplayId: survey?.order_display_id ?? undefined,
        orderAdminUrl: service.adminOrderUrl(response.order_id),
        respondedAt: new Date(response.confirmed_at ?? new Date()).toISOString(),
      },
    })
  )
  return new StepResponse(messages)
})
