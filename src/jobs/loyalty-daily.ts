import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../modules/loyalty"
import type { LoyaltyModuleService } from "../modules/loyalty"
import { awardBirthdayBonusesWorkflow } from "../workflows/loyalty/award-birthday-bonuses"
import { reevaluateTierWorkflow } from "../workflows/loyalty/reevaluate-tier"

export const LOYALTY_DAILY_JOB = "retention-loyalty-daily"

const BATCH = 200
// How far back a pass looks for points that left the 12-month window, reversals and settings
// changes: a day or two the job did not run is caught up the next time.
const LOOKBACK_DAYS = 3

/** Birthday bonuses due today (store time zone; yesterday caught up), keyed per customer and year. */
export async function awardBirthdayBonuses(container: MedusaContainer, now = new Date()) {
  const { result } = await awardBirthdayBonusesWorkflow(container).run({ input: { now } })
  return result
}

/**
 * Tiers of members whose rolling-window points may have moved without a new order (points
 * aging out, reversals, voids, changed tier settings). Each customer is re-evaluated under the
 * account lock; a run that finds the tier right changes nothing, so two runs a day are harmless.
 */
export async function reevaluateTiers(container: MedusaContainer, now = new Date()) {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const result = { checked: 0, changed: 0, raised: 0, lowered: 0 }
  const settings = await loyalty.getProgram()
  const rank = (key: string | null) => (key ? settings.tiers.find((t) => t.key === key)?.threshold ?? -1 : -1)
  let after: string | null = null
  for (;;) {
    const page = await loyalty.listTierCandidates({ now, lookbackDays: LOOKBACK_DAYS, after, limit: BATCH })
    for (const customerId of page) {
      result.checked += 1
      try {
        const { result: r } = await reevaluateTierWorkflow(container).run({ input: { customer_id: customerId, now } })
        if (!r.changed) continue
        result.changed += 1
        if (rank(r.to) > rank(r.from)) result.raised += 1
        else result.lowered += 1
      } catch (e) {
        logger.warn(`loyalty: tier of ${customerId} not re-evaluated, retried next run: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    if (page.length < BATCH) break
    after = page[page.length - 1]
  }
  return result
}

/** Once a day: birthday bonuses, then tier re-evaluation. */
export async function runLoyaltyDaily(container: MedusaContainer, now = new Date()) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  // One pass failing does not stop the other; both are keyed, so the next run finishes the job.
  const birthdays = await awardBirthdayBonuses(container, now).catch((e: unknown) => {
    logger.warn(`loyalty: birthday pass failed, retried next run: ${e instanceof Error ? e.message : String(e)}`)
    return null
  })
  const tiers = await reevaluateTiers(container, now)
  return { birthdays, tiers }
}

export default async function loyaltyDailyJob(container: MedusaContainer) {
  const result = await runLoyaltyDaily(container)
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`loyalty daily: ${JSON.stringify(result)}`)
}

export const config = {
  name: LOYALTY_DAILY_JOB,
  // 00:30 UTC; birthdays are decided in the store's time zone and yesterday is caught up.
  schedule: "30 0 * * *",
}
