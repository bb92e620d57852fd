import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { birthdaysOn, calendarDate, creditExpiresAt, monthDay as monthDayOf, parseBirthday } from "../../../modules/loyalty/program"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type { RetentionSettingsModuleService } from "../../../modules/retention-settings"

export const awardBirthdayBonusesStepId = "award-birthday-bonuses"

const PAGE = 500
const DAY = 86400_000


type CustomerRow = { id: string; has_account?: boolean; created_at?: string | Date; metadata?: Record<string, unknown> | null }

// A customer can write their own metadata (POST /store/customers/me), so a new account could
// name today as its birthday. Accounts younger than this get no birthday bonus; an older one can
// only move the day, never get a second bonus in a year (the key is per year).
const MIN_ACCOUNT_AGE_DAYS = 30

/**
 * The birthday bonus for registered customers whose birthday (customer metadata, key set in the
 * program) is today in the store's time zone — or yesterday, so a day the job missed is caught
 * up. 29 February counts on 28 February in non-leap years. Keyed (birthday, <customer>:<year>):
 * one bonus per customer per year however often the pass runs.
 *
 * Customers are found with a metadata filter in SQL (`metadata->>key LIKE '%MM-DD'`), not by
 * loading every customer; without an index on that expression it is still one scan of the
 * customer table per date per day.
 */
export const awardBirthdayBonusesStep = createStep(awardBirthdayBonusesStepId, async (input: { now?: Date | string }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const settings = await loyalty.getProgram()
  if (!settings.enabled || settings.birthdayBonus <= 0) return new StepResponse({ awarded: 0, points: 0 })
  const retention: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const timeZone = (await retention.getSection("brand")).values.timezone || "UTC"
  const now = input.now ? new Date(input.now) : new Date()
  const key = settings.birthdayMetadataKey

  let awarded = 0
  let points = 0
  for (const date of [calendarDate(now, timeZone), calendarDate(new Date(now.getTime() - DAY), timeZone)]) {
    for (const monthDay of birthdaysOn(date)) {
      for (let skip = 0; ; skip += PAGE) {
        const { data } = await query.graph({
          entity: "customer",
          fields: ["id", "has_account", "created_at", "metadata"],
          filters: { has_account: true, metadata: { [key]: { $like: `%${monthDay}` } } } as Record<string, unknown>,
          pagination: { take: PAGE, skip, order: { id: "ASC" } },
        })
        for (const c of data as CustomerRow[]) {
          const birthday = parseBirthday(c.metadata?.[key])
          if (!c.has_account || !birthday) continue
          if (c.created_at && now.getTime() - new Date(c.created_at).getTime() < MIN_ACCOUNT_AGE_DAYS * DAY) continue
          if (monthDayOf(birthday) !== monthDay) continue
          // One customer whose bonus cannot be written must not cost everyone after them theirs;
          // the key makes the next pass (yesterday is caught up) award it once.
          const { inserted } = await loyalty
            .recordEntries(c.id, [
              {
                type: "bonus",
                points: settings.birthdayBonus,
                status: "available",
                reference: "birthday",
                reference_id: `${c.id}:${date.year}`,
                expires_at: creditExpiresAt(settings, now),
                note: `birthday bonus ${date.year}`,
              },
            ])
            .catch((e: unknown) => {
              container
                .resolve(ContainerRegistrationKeys.LOGGER)
                .warn(`loyalty: birthday bonus of ${c.id} not awarded, retried next run: ${e instanceof Error ? e.message : String(e)}`)
              return { inserted: [] as { points: number }[] }
            })
          if (inserted.length) {
            awarded += 1
            points += inserted[0].points
          }
        }
        if (data.length < PAGE) break
      }
    }
  }
  return new StepResponse({ awarded, points })
})
