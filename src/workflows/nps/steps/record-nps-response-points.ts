import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import { creditExpiresAt } from "../../../modules/loyalty/program"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import type { NpsPointsAward } from "./load-nps-points-award"

export const recordNpsResponsePointsStepId = "record-nps-response-points"

export type NpsPointsResult = {
  points: number
  created: boolean
  reason: NpsPointsAward["skip"] | "loyalty_off" | "already_awarded"
}

// The ledger key: one bonus per survey, whatever the number of confirmations or score changes.
export const NPS_POINTS_REFERENCE = "nps_response"


/**
 * Books the answer's points as an available bonus keyed (nps_response, survey_id, bonus): the
 * loyalty ledger skips a key it holds, so a repeat confirmation or a retried run adds nothing.
 * Nothing when the loyalty program is switched off. Not compensated: it is the last step.
 */
export const recordNpsResponsePointsStep = createStep(recordNpsResponsePointsStepId, async (award: NpsPointsAward, { container }): Promise<StepResponse<NpsPointsResult>> => {
  const result = (r: NpsPointsResult) => new StepResponse<NpsPointsResult>(r)
  if (!award.customer_id || award.points <= 0) return result({ points: 0, created: false, reason: award.skip })
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const program = await loyalty.getProgram()
  if (!program.enabled) return result({ points: 0, created: false, reason: "loyalty_off" })
  const now = new Date()
  const { inserted } = await loyalty.recordEntries(award.customer_id, [
    {
      type: "bonus",
      points: award.points,
      status: "available",
      reference: NPS_POINTS_REFERENCE,
      reference_id: award.survey_id,
      expires_at: creditExpiresAt(program, now),
      note: "NPS survey answered",
    },
  ])
  return result({ points: inserted[0]?.points ?? 0, created: inserted.length > 0, reason: inserted.length ? null : "already_awarded" })
})
