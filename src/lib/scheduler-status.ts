// The Overview's "scheduled jobs" badge: is Medusa running the plugin's scheduled jobs?
// The heartbeat job writes a row every minute from whichever process runs jobs (workerMode
// shared or worker). Without a recent beat the jobs are not running, unless the server itself
// started only minutes ago and the first beats are still to come: then the badge says so
// instead of raising an alarm on every fresh start.

/** A few missed beats (the job runs every minute) before warning. */
export const SCHEDULER_STALE_AFTER_MS = 5 * 60 * 1000

export type SchedulerState = "running" | "starting" | "stale" | "not_running"

export function schedulerState(input: { lastRunAt: Date | null; startedAt: Date; now: Date }): SchedulerState {
  const { lastRunAt, startedAt, now } = input
  if (lastRunAt && now.getTime() - lastRunAt.getTime() < SCHEDULER_STALE_AFTER_MS) return "running"
  if (now.getTime() - startedAt.getTime() < SCHEDULER_STALE_AFTER_MS) return "starting"
  return lastRunAt ? "stale" : "not_running"
}
