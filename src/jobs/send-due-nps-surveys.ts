import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_NPS_MODULE } from "../modules/nps"
import type NpsModuleService from "../modules/nps/service"
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
  return { claimed: ids.length, outcomes }
}

export default async function sendDueNpsSurveysJob(container: MedusaContainer) {
  await sendDueNpsSurveys(container)
}

export const config = {
  name: SEND_DUE_NPS_SURVEYS_JOB,
  schedule: "* * * * *",
}
