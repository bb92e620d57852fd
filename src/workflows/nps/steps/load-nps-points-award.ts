import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_NPS_MODULE } from "../../../modules/nps"
import type NpsModuleService from "../../../modules/nps/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"

export const loadNpsPointsAwardStepId = "load-nps-points-award"

export type NpsPointsAward = {
  survey_id: string
  customer_id: string | null
  points: number
  // Why nothing is awarded, when nothing is.
  skip: "not_confirmed" | "off" | "guest" | "no_account" | null
}

/**
 * What a confirmed answer earns: the `nps` section's points, for a survey whose response is
 * confirmed (never a tentative click or a scanner's discarded one) and whose customer has an
 * account. Reads only; the loyalty step decides whether the program is on.
 */
export const loadNpsPointsAwardStep = createStep(
  loadNpsPointsAwardStepId,
  async (input: { survey_id: string }, { container }): Promise<StepResponse<NpsPointsAward>> => {
    const none = (skip: NpsPointsAward["skip"], customer_id: string | null = null) =>
      new StepResponse<NpsPointsAward>({ survey_id: input.survey_id, customer_id, points: 0, skip })
    const nps: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
    const [response] = await nps.listNpsResponses({ survey_id: input.survey_id })
    if (!response || response.status !== "confirmed") return none("not_confirmed")
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const { values } = await settings.getSection("nps")
    if (values.loyaltyPointsPerResponse <= 0) return none("off")
    const [survey] = await nps.listNpsSurveys({ id: input.survey_id })
    if (!survey?.customer_id) return none("guest")
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "customer", fields: ["id", "has_account"], filters: { id: survey.customer_id } })
    // A guest checkout also creates a customer record, but one without an account to spend points.
    if (!(data[0] as { has_account?: boolean } | undefined)?.has_account) return none("no_account", survey.customer_id)
    return new StepResponse<NpsPointsAward>({
      survey_id: input.survey_id,
      customer_id: survey.customer_id,
      points: values.loyaltyPointsPerResponse,
      skip: null,
    })
  }
)
