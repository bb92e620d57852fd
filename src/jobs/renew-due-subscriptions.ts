import { randomUUID } from "crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../modules/replenishment"
import type ReplenishmentModuleService from "../modules/replenishment/service"
import { renewSubscription } from "../workflows/replenishment/renew-subscription"
import { sendRenewalReminder } from "../workflows/replenishment/send-renewal-reminder"

export const RENEW_DUE_SUBSCRIPTIONS_JOB = "retention-renew-due-subscriptions"

// The tick's lease: a worker that dies mid-tick hands the scheduler on after this long.
const LEASE_SECONDS = 15 * 60
// A tick stops taking new renewals after this long, well inside its lease.
const TICK_BUDGET_MS = 10 * 60_000
// A subscription whose renewal threw (not a payment failure, which dunning handles) is tried again after this.
const ERROR_RETRY_MS = 30 * 60_000

function describe(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message)
  return String(e)
}

/**
 * One scheduler tick: under the scheduler's lease (a second tick at the same moment does
 * nothing), resumes subscriptions whose pause ended, places due renewals (each under its own
 * lock and unique run key), and sends the reminders that are due.
 */
export async function renewDueSubscriptions(container: MedusaContainer, now = new Date()) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const holder = `${process.pid}:${randomUUID()}`
  const batch = service.options.replenishment.batchSize
  const ids = await service.startTick({ name: RENEW_DUE_SUBSCRIPTIONS_JOB, holder, leaseSeconds: LEASE_SECONDS, now, limit: batch })
  if (!ids) return { skipped: "another tick holds the lease" as const }
  const started = Date.now()
  const outcomes: string[] = []
  let reminders = 0
  let resumed = 0
  try {
    for (const id of await service.dueResumptions({ now, limit: batch })) {
      await service
        .applyAction({ id, action: { type: "resume" }, actor: { type: "system" }, now, detail: { reason: "pause_ended" } })
        .then(() => (resumed += 1))
        .catch((e) => logger.warn(`replenishment: ${id} not resumed: ${describe(e)}`))
    }
    const renewOne = async (id: string) => {
      try {
        const { outcome } = await renewSubscription(container, { subscription_id: id, now })
        outcomes.push(outcome)
      } catch (e) {
        logger.warn(`replenishment: renewal of ${id} failed, retried in 30 minutes: ${describe(e)}`)
        outcomes.push("error")
        await service.record(id, { type: "system" }, "renewal_error", { error: describe(e).slice(0, 300) }).catch(() => undefined)
        await service.setNextRunAt({ id, at: new Date(Math.max(now.getTime(), Date.now()) + ERROR_RETRY_MS) }).catch(() => undefined)
      }
    }
    // Batch after batch while the tick has time, `concurrency` renewals at once: a store with a
    // large backlog is not held to one batch per tick. A subscription is tried once per tick
    // (one another worker holds stays due for the next tick).
    const seen = new Set<string>()
    let next = ids
    while (next.length) {
      const fresh = next.filter((id) => !seen.has(id))
      if (!fresh.length) break
      fresh.forEach((id) => seen.add(id))
      await runPool(fresh, service.options.replenishment.concurrency, renewOne, () => Date.now() - started > TICK_BUDGET_MS)
      if (Date.now() - started > TICK_BUDGET_MS || fresh.length < batch) break
      next = await service.dueSubscriptionIds({ now, limit: batch + seen.size })
    }
    for (const id of await service.dueReminders({ now, days: service.options.replenishment.reminderDays, limit: batch })) {
      try {
        await sendRenewalReminder(container, { subscription_id: id, now })
        reminders += 1
      } catch (e) {
        logger.warn(`replenishment: reminder for ${id} not sent, retried next tick: ${describe(e)}`)
      }
    }
    return { claimed: outcomes.length, outcomes, reminders, resumed }
  } finally {
    await service.endTick({ name: RENEW_DUE_SUBSCRIPTIONS_JOB, holder })
  }
}

export default async function renewDueSubscriptionsJob(container: MedusaContainer) {
  await renewDueSubscriptions(container)
}

export const config = {
  name: RENEW_DUE_SUBSCRIPTIONS_JOB,
  schedule: "*/5 * * * *",
}

/** Runs `work` over `items`, at most `size` at a time, taking no new item once `stop()` says so. */
export async function runPool<T>(items: T[], size: number, work: (item: T) => Promise<void>, stop: () => boolean) {
  let index = 0
  const worker = async () => {
    while (index < items.length && !stop()) {
      const item = items[index++]
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
}
