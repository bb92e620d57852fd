import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_NPS_MODULE } from "../../../modules/nps"
import type NpsModuleService from "../../../modules/nps/service"

export const markDetractorAlertSentStepId = "mark-detractor-alert-sent"

export const markDetractorAlertSentStep = createStep(
  markDetractorAlertSentStepId,
  async (input: { response_id: string; count: number }, { container }) => {
    if (input.count > 0) {
      const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
      await service.markAlertSent({ response_id: input.response_id, now: new Date() })
    }
    return new StepResponse(input.count)
  }
)
