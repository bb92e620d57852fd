import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_NPS_MODULE } from "../modules/nps"
import type NpsModuleService from "../modules/nps/service"
import { RETENTION_LOYALTY_MODULE } from "../modules/loyalty"
import type { LoyaltyModuleService } from "../modules/loyalty"
import { RETENTION_SETTINGS_MODULE } from "../modules/retention-settings"
import type RetentionSettingsModuleService from "../modules/retention-settings/service"
import { awardNpsResponsePointsWorkflow } from "../workflows/nps/award-nps-response-points"
import { sendNpsSurveyWorkflow } from "../workflows/nps/send-nps-survey"

export const SEND_DUE_NPS_SURVEYS_JOB = "retention-send-due-nps-surveys"

// A claimed survey is leased this long: a worker that dies mid-tick hands it back after.
const LEASE_SECONDS = 15 * 60

// Workflow failures are often plain objects ({ message, type, stack }), not Error instances.
function describeError(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message)
  return String(e)
}

/**
 * One scheduler tick: claims due surveys (leased, skip locked, so two ticks at once take
 * different ones) and sends each through the messaging workflow under `nps:<order_id>`, which
 * never sends one key twice. A deferred send moves the survey to the deferral time.
 */
export async function sendDueNpsSurveys(container: MedusaContainer, now = new Date()) {
  const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const ids = await service.claimDueSurveys({ now, limit: service.options.nps.batchSize, leaseSeconds: LEASE_SECONDS })
  const outcomes: string[] = []
  for (const id of ids) {
    try {
      const { result } = await sendNpsSurveyWorkflow(container).run({ input: { survey_id: id, now } })
      outcomes.push(result)
    } catch (e) {
      logger.warn(`nps: survey ${id} failed, retried after its lease: ${describeError(e)}`)
      outcomes.push("error")
    }
  }
  const points_caught_up = await catchUpAnswerPoints(container, now).catch((e: unknown) => {
    logger.warn(`nps: answer points not caught up, retried next tick: ${describeError(e)}`)
    return 0
  })
  return { claimed: ids.length, outcomes, points_caught_up }
}

// Points for answering are awarded when the answer is confirmed; if that award failed (the
// answer is saved regardless), the tick catches it up within a day. Answers of the last two
// minutes are left to the confirmation itself.
const CATCH_UP_AFTER_MS = 2 * 60_000
const CATCH_UP_WINDOW_MS = 86400_000
const CATCH_UP_PAGE = 500

/**
 * Confirmed answers of registered customers whose points for answering are missing from the
 * ledger get them now, through the same workflow and ledger key as at confirmation (so never
 * twice). Reads the NPS module and the loyalty ledger a page at a time (answers already paid
 * are skipped, however many); writes only through the workflow.
 */
export async function catchUpAnswerPoints(container: MedusaContainer, now: Date): Promise<number> {
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const section = await settings.getSection("nps")
  if (section.values.loyaltyPointsPerResponse <= 0) return 0
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  if (!(await loyalty.getProgram()).enabled) return 0
  // Not retroactive: answers confirmed before the NPS settings were last saved (e.g. before
  // points for answering were switched on) are left alone.
  const since = Math.max(now.getTime() - CATCH_UP_WINDOW_MS, section.updated_at ? new Date(section.updated_at).getTime() : 0)
  const nps: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let awarded = 0
  let after: { cursor: string; survey_id: string } | null = null
  for (;;) {
    const answers = await nps.listConfirmedCustomerAnswers({
      from: new Date(since),
      to: new Date(now.getTime() - CATCH_UP_AFTER_MS),
      limit: CATCH_UP_PAGE,
      after,
    })
    if (!answers.length) break
    after = answers[answers.length - 1]
    const paid = new Set(
      (await loyalty.listLoyaltyEntries({ reference: "nps_response", reference_id: answers.map((a) => a.survey_id) }, { select: ["reference_id"] })).map(
        (e) => e.reference_id
      )
    )
    const owed = answers.filter((a) => !paid.has(a.survey_id))
    if (owed.length) {
      // Only customers with an account earn points; a guest checkout's customer record never will.
      const { data } = await query.graph({
        entity: "customer",
        fields: ["id"],
        filters: { id: [...new Set(owed.map((a) => a.customer_id))], has_account: true },
      })
      const members = new Set((data as { id: string }[]).map((c) => c.id))
      for (const answer of owed.filter((a) => members.has(a.customer_id))) {
        // One answer whose award throws must not hold back the others; it is caught up next tick.
        try {
          const { result } = await awardNpsResponsePointsWorkflow(container).run({ input: { survey_id: answer.survey_id } })
          if ((result as { created?: boolean }).created) awarded += 1
        } catch (e) {
          container
            .resolve(ContainerRegistrationKeys.LOGGER)
            .warn(`nps: points for survey ${answer.survey_id} not awarded, retried next tick: ${describeError(e)}`)
        }
      }
    }
    if (answers.length < CATCH_UP_PAGE) break
  }
  return awarded
}

export default async function sendDueNpsSurveysJob(container: MedusaContainer) {
  await sendDueNpsSurveys(container)
}

export const config = {
  name: SEND_DUE_NPS_SURVEYS_JOB,
  schedule: "* * * * *",
}
