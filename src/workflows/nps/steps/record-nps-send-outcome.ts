import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_NPS_MODULE } from "../../../modules/nps"
import type NpsModuleService from "../../../modules/nps/service"
import type { SendEmailResult } from "../../messaging/types"

export const recordNpsSendOutcomeStepId = "record-nps-send-outcome"

/** Marks the survey sent, moves it to the deferral time (same key later), or skips it. */
export const recordNpsSendOutcomeStep = createStep(
  recordNpsSendOutcomeStepId,
  async (input: { survey_id: string; results: SendEmailResult[] | undefined; now: Date }, { container }) => {
    const result = input.results?.[0]
    if (!result) return new StepResponse("not_due")
    const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
    // A temporary provider failure waits like a deferral: the survey is due again when the
    // messaging retry policy says, with the same key (failed for good after a day of retries).
    const retryAt = result.status === "retrying" && result.retry_at ? new Date(result.retry_at) : null
    const outcome = await service.recordSendOutcome({
      survey_id: input.survey_id,
      status: retryAt ? "deferred" : result.status,
      reason: result.reason,
      deferred_until: retryAt ?? (result.deferred_until ? new Date(result.deferred_until) : null),
      message_id: result.message_id,
      now: new Date(input.now),
    })
    return new StepResponse(outcome)
  }
)
