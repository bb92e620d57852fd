import { randomUUID } from "crypto"

// One scheduler tick of a sequence engine, the same for cart recovery and the lifecycle flows:
// take the lease and the due batch, run each due sequence through its program's workflow, put
// back for later one whose run threw, then switch off the program's expired codes, and give the
// lease back whatever happened.

/** The lease can outlive a tick's budget: a worker that dies mid-tick hands on after this long. */
export const TICK_LEASE_SECONDS = 15 * 60
/** A tick stops taking new sequences after this long, well inside its lease; the rest wait a minute. */
export const TICK_BUDGET_MS = 10 * 60_000
/** A sequence whose run threw (not a send failure, which the workflow counts) is looked at again after this. */
export const TICK_ERROR_RETRY_MS = 15 * 60_000

/** What a program's module offers the tick (both services implement it on their own tables). */
export type DueScheduler = {
  startTick(input: { name: string; holder: string; leaseSeconds: number; now: Date; limit: number }): Promise<string[] | null>
  endTick(input: { name: string; holder: string }): Promise<void>
  postponeIfStillDue(input: { id: string; dueAt: Date; until: Date }): Promise<void>
}

export type TickResult =
  | { claimed: number; outcomes: string[]; skipped?: undefined }
  | { claimed: 0; outcomes: string[]; skipped: "another tick holds the lease" }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export async function runSchedulerTick(input: {
  scheduler: DueScheduler
  // The job's name: the lease row's id.
  name: string
  // How the log names the program ("cart recovery", "flows").
  label: string
  batchSize: number
  now: Date
  logger: { warn: (message: string) => void }
  // Runs one due sequence through the program's workflow; answers its outcome.
  processOne: (id: string) => Promise<string>
  // Runs once after the batch (a failure is logged and left to the next tick).
  disableExpiredCodes?: () => Promise<unknown>
  // The wall clock the budget is measured on (the injected `now` may be a test's pretend time).
  clock?: () => number
}): Promise<TickResult> {
  const { scheduler, name, label, now, logger } = input
  const clock = input.clock ?? Date.now
  const holder = `${process.pid}:${randomUUID()}`
  const ids = await scheduler.startTick({ name, holder, leaseSeconds: TICK_LEASE_SECONDS, now, limit: input.batchSize })
  if (!ids) return { claimed: 0, outcomes: [], skipped: "another tick holds the lease" }
  const started = clock()
  const outcomes: string[] = []
  try {
    for (const id of ids) {
      if (clock() - started > TICK_BUDGET_MS) break
      try {
        outcomes.push(await input.processOne(id))
      } catch (e) {
        logger.warn(`${label}: ${id} failed, retried in 15 minutes: ${message(e)}`)
        outcomes.push("error")
        await scheduler
          .postponeIfStillDue({ id, dueAt: now, until: new Date(Math.max(now.getTime(), clock()) + TICK_ERROR_RETRY_MS) })
          .catch(() => undefined)
      }
    }
    if (input.disableExpiredCodes) {
      try {
        await input.disableExpiredCodes()
      } catch (e) {
        logger.warn(`${label}: expired codes not deactivated, retried next tick: ${message(e)}`)
      }
    }
    return { claimed: outcomes.length, outcomes }
  } finally {
    await scheduler.endTick({ name, holder })
  }
}
