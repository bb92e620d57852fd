import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { startBirthdayFlowsWorkflow } from "../workflows/flows/start-birthday-flows"
import { startWinBackFlowsWorkflow } from "../workflows/flows/start-win-back-flows"

export const START_DAILY_FLOWS_JOB = "retention-start-daily-flows"

/**
 * Daily, 06:10 UTC (after the loyalty job's birthday bonuses at 00:30, so the birthday email can
 * show the bonus): today's birthdays and the customers who lapsed enter their flows. Both are
 * keyed (year; last order), so a second run the same day starts nothing. One failing does not
 * stop the other.
 */
export async function startDailyFlows(container: MedusaContainer, now = new Date()) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const result: { birthday: unknown; win_back: unknown } = { birthday: null, win_back: null }
  try {
    result.birthday = (await startBirthdayFlowsWorkflow(container).run({ input: { now } })).result
  } catch (e) {
    logger.warn(`flows: birthday entries not started, retried tomorrow: ${e instanceof Error ? e.message : String(e)}`)
  }
  try {
    result.win_back = (await startWinBackFlowsWorkflow(container).run({ input: { now } })).result
  } catch (e) {
    logger.warn(`flows: win-back entries not started, retried tomorrow: ${e instanceof Error ? e.message : String(e)}`)
  }
  return result
}

export default async function startDailyFlowsJob(container: MedusaContainer) {
  await startDailyFlows(container)
}

export const config = {
  name: START_DAILY_FLOWS_JOB,
  schedule: "10 6 * * *",
}
