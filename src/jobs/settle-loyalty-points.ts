import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../modules/loyalty"
import type { LoyaltyModuleService } from "../modules/loyalty"
import { makePointsAvailableWorkflow } from "../workflows/loyalty/make-points-available"
import { releaseStaleHoldWorkflow } from "../workflows/loyalty/release-stale-hold"
import { LoyaltyEmail, sendLoyaltyEmails } from "../workflows/loyalty/steps/send-loyalty-emails"

export const SETTLE_LOYALTY_POINTS_JOB = "retention-settle-loyalty-points"

const BATCH = 200

/**
 * One tick of loyalty housekeeping: pending points past their return window become available,
 * stale holds are released, credits past their expiry date expire. Each change is keyed in the
 * ledger (or is a compare-and-set on status), so two ticks at once change things only once.
 */
export async function settleLoyaltyPoints(container: MedusaContainer, now = new Date()) {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const result = { made_available: 0, released: 0, expired: 0, reminders: 0 }
  for (const due of await loyalty.listDuePending({ now, limit: BATCH })) {
    try {
      const { result: r } = await makePointsAvailableWorkflow(container).run({ input: due })
      result.made_available += r.points
    } catch (e) {
      logger.warn(`loyalty: ${due.order_id} not settled, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  for (const hold of await loyalty.listStaleHolds({ now, limit: BATCH })) {
    try {
      const { result: r } = await releaseStaleHoldWorkflow(container).run({ input: hold })
      result.released += r.released
    } catch (e) {
      logger.warn(`loyalty: hold on ${hold.cart_id} not released, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  for (const customerId of await loyalty.listExpiryCandidates({ now, limit: BATCH })) {
    try {
      const { expired } = await loyalty.expireDue({ customer_id: customerId, now })
      result.expired += expired
    } catch (e) {
      logger.warn(`loyalty: points of ${customerId} not expired, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  // Keyed per customer and expiry date: a reminder pass that fails is caught up next tick.
  result.reminders = await sendExpiryReminders(container, loyalty, now).catch((e: unknown) => {
    logger.warn(`loyalty: expiry reminders not sent, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
    return 0
  })
  // Deferred and temporarily failed loyalty emails are sent again by the messaging retry job
  // (src/jobs/retry-due-messages.ts), with the same keys.
  return result
}

/** One reminder per customer and expiry date, `expiryReminderDays` before points expire. */
async function sendExpiryReminders(container: MedusaContainer, loyalty: LoyaltyModuleService, now: Date) {
  const settings = await loyalty.getProgram()
  if (!settings.emails.expiryReminder || settings.expiryMonths === 0) return 0
  const until = new Date(now.getTime() + settings.expiryReminderDays * 86400_000)
  const due = await loyalty.listExpiringSoon({ now, until, limit: BATCH })
  const emails: LoyaltyEmail[] = []
  for (const d of due) {
    if (d.points <= 0) continue
    const balance = await loyalty.getBalance(d.customer_id)
    emails.push({
      key: `loyalty:expiring:${d.customer_id}:${d.expires_at.toISOString().slice(0, 10)}`,
      template: "loyalty-points-expiring",
      customer_id: d.customer_id,
      data: { points: d.points, expiresAt: d.expires_at.toISOString(), balance: balance.available, pendingPoints: balance.pending },
      // What the expiring points are worth, in the currency of the customer's latest order.
      values: { pointsValue: d.points },
    })
  }
  const results = await sendLoyaltyEmails(container, emails)
  return results.filter((r) => !r.duplicate).length
}

export default async function settleLoyaltyPointsJob(container: MedusaContainer) {
  await settleLoyaltyPoints(container)
}

export const config = {
  name: SETTLE_LOYALTY_POINTS_JOB,
  schedule: "*/5 * * * *",
}
