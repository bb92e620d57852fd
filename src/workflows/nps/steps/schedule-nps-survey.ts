import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_NPS_MODULE } from "../../../modules/nps"
import type NpsModuleService from "../../../modules/nps/service"
import type { ScheduleSurveyResult } from "../../../modules/nps/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"

export const scheduleNpsSurveyStepId = "schedule-nps-survey"

export type ScheduleNpsSurveyInput = { fulfillment_id: string }

/**
 * Resolves the delivered fulfillment's order through the order–fulfillment link and creates
 * the order's one survey (or a skipped one, with the reason). Not compensated: the survey row
 * is the step's only effect and a unique order_id keeps it single.
 */
export const scheduleNpsSurveyStep = createStep(
  scheduleNpsSurveyStepId,
  async (input: ScheduleNpsSurveyInput, { container }): Promise<StepResponse<ScheduleSurveyResult & { order_id: string | null }>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "order_fulfillment",
      fields: ["order_id", "fulfillment_id"],
      filters: { fulfillment_id: input.fulfillment_id },
    })
    const orderId = links[0]?.order_id as string | undefined
    if (!orderId) {
      return new StepResponse({ created: false, survey_id: null, status: null, skip_reason: "no_order", order_id: null })
    }
    const { data: fulfillments } = await query.graph({
      entity: "fulfillment",
      fields: ["id", "delivered_at"],
      filters: { id: input.fulfillment_id },
    })
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "email", "customer_id", "locale", "customer.email", "items.product_id"],
      filters: { id: orderId },
    })
    const order = orders[0]
    const delivered = fulfillments[0]?.delivered_at
    // Custom line items have no product; the survey keeps the ids it can filter by.
    const productIds = ((order?.items ?? []) as ({ product_id?: string | null } | null)[]).flatMap((i) => (i?.product_id ? [i.product_id] : []))
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const { values } = await settings.getSection("nps")
    const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
    const result = await service.scheduleSurvey({
      order_id: orderId,
      order_display_id: order?.display_id != null ? String(order.display_id) : null,
      customer_id: order?.customer_id ?? null,
      email: order?.email ?? order?.customer?.email ?? null,
      locale: (order?.locale as string | null | undefined) ?? null,
      fulfillment_id: input.fulfillment_id,
      product_ids: productIds,
      delivered_at: delivered ? new Date(delivered as unknown as string) : new Date(),
      delay_days: values.delayDays,
      throttle_days: values.throttleDays,
      enabled: values.enabled,
    })
    return new StepResponse({ ...result, order_id: orderId })
  }
)
