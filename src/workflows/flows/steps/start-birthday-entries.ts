import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import type FlowsModuleService from "../../../modules/flows/service"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { birthdaysOn, calendarDate, monthDay as monthDayOf, parseBirthday } from "../../../modules/loyalty/program"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type { RetentionSettingsModuleService } from "../../../modules/retention-settings"
import { FlowCandidate, startFlowEntries } from "../utils/start-entries"

export const startBirthdayEntriesStepId = "start-birthday-flow-entries"

const PAGE = 500
const DAY = 86400_000
// The loyalty bonus's rule (award-birthday-bonuses): a customer can write their own metadata, so
// a new account could name today as its birthday; accounts younger than this get no greeting.
const MIN_ACCOUNT_AGE_DAYS = 30

/**
 * The birthday flow's trigger, on the loyalty bonus's rules: registered customers whose birthday
 * (customer metadata, the key set in the loyalty program) is today in the store's time zone,
 * 29 February on 28 February in other years, accounts at least 30 days old. The trigger key is
 * the year: one entry per customer per year however often the job runs. Customers are found with
 * the bonus's metadata filter, a page at a time; found and started in one step so the list never
 * passes through the workflow's checkpoint.
 */
export const startBirthdayEntriesStep = createStep(
  startBirthdayEntriesStepId,
  async (input: { now?: Date | string }, { container }) => {
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    await flows.ensureDefaultFlows()
    if (!(await flows.activeFlows("birthday")).length) return new StepResponse({ started: 0, found: 0 })
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const key = (await loyalty.getProgram()).birthdayMetadataKey
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const timeZone = (await settings.getSection("brand")).values.timezone || "UTC"
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const now = input.now ? new Date(input.now) : new Date()
    const date = calendarDate(now, timeZone)

    let found = 0
    let started = 0
    for (const monthDay of birthdaysOn(date)) {
      for (let skip = 0; ; skip += PAGE) {
        const { data } = await query.graph({
          entity: "customer",
          fields: ["id", "email", "has_account", "created_at", "metadata"],
          filters: { has_account: true, metadata: { [key]: { $like: `%${monthDay}` } } } as Record<string, unknown>,
          pagination: { take: PAGE, skip, order: { id: "ASC" } },
        })
        const rows = data as { id: string; email?: string | null; has_account?: boolean; created_at?: string | Date; metadata?: Record<string, unknown> | null }[]
        const candidates: FlowCandidate[] = []
        for (const c of rows) {
          const birthday = parseBirthday(c.metadata?.[key])
          if (!c.has_account || !c.email || !birthday || monthDayOf(birthday) !== monthDay) continue
          if (c.created_at && now.getTime() - new Date(c.created_at).getTime() < MIN_ACCOUNT_AGE_DAYS * DAY) continue
          candidates.push({ customer_id: c.id, email: c.email, trigger_key: String(date.year), at: now, context: { year: date.year } })
        }
        found += candidates.length
        const outcomes = await startFlowEntries(container, "birthday", candidates)
        started += outcomes.filter((o) => o.outcome === "started" || o.outcome === "held_out").length
        if (rows.length < PAGE) break
      }
    }
    return new StepResponse({ started, found })
  }
)
