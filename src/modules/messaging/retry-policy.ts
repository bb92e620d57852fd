// The one retry policy for every email the plugin sends (cart recovery, NPS, loyalty, test
// sends): after a temporary provider failure the message waits, doubling the wait each time,
// until a full window has passed since its first failure. A SendGrid outage of a few hours
// delays email; it no longer loses it. Pure, so the schedule is unit-tested on its own.

const MINUTE = 60_000

export type RetrySchedule = {
  // Wait after the first failure; each later failure doubles it.
  firstDelayMs: number
  // No single wait is longer than this (without it, attempt 10 would wait days).
  maxDelayMs: number
  // Retries stop once this long has passed since the first failure.
  windowMs: number
  // Each wait is spread by ±jitter (0.2 = ±20%), so messages that failed together in one outage
  // do not all hit the provider again in the same second.
  jitter: number
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  firstDelayMs: 5 * MINUTE,
  maxDelayMs: 4 * 60 * MINUTE,
  windowMs: 24 * 60 * MINUTE,
  jitter: 0.2,
}

/** The wait after the `failures`-th temporary failure (1-based), before jitter. */
export function baseRetryDelayMs(failures: number, schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE): number {
  const exponent = Math.max(0, Math.min(30, failures - 1))
  return Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** exponent)
}

/**
 * What happens after a temporary failure: the time of the next attempt, or `null` when the
 * window since the first failure is used up (the message is then failed for good). `random`
 * is injectable so tests pin the jitter.
 */
export function nextRetryAt(input: {
  failures: number
  firstFailedAt: Date
  now: Date
  schedule?: RetrySchedule
  random?: () => number
}): Date | null {
  const schedule = input.schedule ?? DEFAULT_RETRY_SCHEDULE
  if (input.now.getTime() - input.firstFailedAt.getTime() >= schedule.windowMs) return null
  const random = input.random ?? Math.random
  const base = baseRetryDelayMs(input.failures, schedule)
  const spread = 1 - schedule.jitter + 2 * schedule.jitter * Math.min(1, Math.max(0, random()))
  return new Date(input.now.getTime() + Math.round(base * spread))
}
