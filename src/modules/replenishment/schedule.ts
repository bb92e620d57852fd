// Pure subscription rules: interval codes, period dates, and the one function that decides a
// subscription's next state for an action. Unit-tested on their own (__tests__/schedule.unit.spec.ts).

export type IntervalUnit = "d" | "w" | "m"
export type Interval = { count: number; unit: IntervalUnit }

const INTERVAL = /^([1-9][0-9]{0,2})([dwm])$/
// Longest interval a plan may offer: a year.
const MAX_DAYS = 366

/** "4w" → { count: 4, unit: "w" }; null for anything else (or longer than a year). */
export function parseInterval(code: unknown): Interval | null {
  if (typeof code !== "string") return null
  const match = INTERVAL.exec(code.trim())
  if (!match) return null
  const interval = { count: Number(match[1]), unit: match[2] as IntervalUnit }
  return approxDays(interval) > MAX_DAYS ? null : interval
}

export function formatInterval(i: Interval): string {
  return `${i.count}${i.unit}`
}

/** Average length in days (months as 30.4375), for normalising revenue to a month. */
export function approxDays(i: Interval): number {
  return i.unit === "d" ? i.count : i.unit === "w" ? i.count * 7 : i.count * 30.4375
}

/** How many times an interval fits in a month: MRR = value per renewal × this. */
export function renewalsPerMonth(code: string): number {
  const i = parseInterval(code)
  return i ? 30.4375 / approxDays(i) : 0
}

/**
 * `from` plus one interval. Months keep the day of month, clamped to the month's last day
 * (Jan 31 + 1m = Feb 28/29), and the time of day is kept, in UTC.
 */
export function addInterval(from: Date, code: string, times = 1): Date {
  const i = parseInterval(code)
  if (!i) throw new Error(`invalid interval ${code}`)
  if (i.unit !== "m") return new Date(from.getTime() + times * (i.unit === "d" ? 1 : 7) * i.count * 86400_000)
  const months = from.getUTCMonth() + i.count * times
  const year = from.getUTCFullYear() + Math.floor(months / 12)
  const month = ((months % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(
    Date.UTC(year, month, Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds())
  )
}

/** The period a run date belongs to: its UTC date. One run (and order) per period. */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 10)
}

export function runKey(subscriptionId: string, period: string): string {
  return `${subscriptionId}:${period}`
}

export type SubscriptionStatus = "active" | "paused" | "canceled" | "payment_failed"

export type SubscriptionState = {
  status: SubscriptionStatus
  // The current period's scheduled date.
  period_at: Date
  // When the scheduler acts next: period_at, or later while a payment is retried.
  next_run_at: Date
  paused_until: Date | null
  interval: string
}

export type SubscriptionAction =
  | { type: "skip" }
  | { type: "pause"; until: Date | null }
  | { type: "resume" }
  | { type: "cancel" }
  | { type: "change_interval"; interval: string }
  | { type: "renewed" }
  | { type: "period_skipped" }
  | { type: "payment_failed_final" }
  | { type: "payment_updated" }
  | { type: "run_now" }

export type Transition =
  | { ok: true; state: SubscriptionState }
  | { ok: false; field: string; message: string }

const refuse = (field: string, message: string): Transition => ({ ok: false, field, message })

/** The first scheduled date after `from` that is not in the past. */
function nextPeriod(from: Date, interval: string, now: Date): Date {
  let next = addInterval(from, interval)
  while (next.getTime() <= now.getTime()) next = addInterval(next, interval)
  return next
}

/**
 * The subscription state machine. Every change (customer, admin or system) goes through here;
 * the caller stores the new state and records the action in the history. Periods that passed
 * while a subscription was paused or on hold are never made up: the next one is in the future.
 */
export function transition(state: SubscriptionState, action: SubscriptionAction, now: Date): Transition {
  if (state.status === "canceled") return refuse("status", "the subscription is canceled")
  const at = (period_at: Date): SubscriptionState => ({ ...state, period_at, next_run_at: period_at })
  switch (action.type) {
    case "skip": {
      if (state.status !== "active" && state.status !== "paused") return refuse("status", `a ${state.status.replace("_", " ")} subscription has no delivery to skip`)
      return { ok: true, state: at(nextPeriod(state.period_at, state.interval, now)) }
    }
    case "pause": {
      if (state.status === "payment_failed") return refuse("status", "a subscription with a failed payment is already on hold")
      if (state.status === "paused" && !action.until) return refuse("status", "the subscription is already paused")
      if (action.until && action.until.getTime() <= now.getTime()) return refuse("until", "must be in the future")
      if (action.until && action.until.getTime() - now.getTime() > 366 * 86400_000) return refuse("until", "must be within a year")
      return { ok: true, state: { ...state, status: "paused", paused_until: action.until } }
    }
    case "resume": {
      if (state.status === "active") return refuse("status", "the subscription is already active")
      if (state.status === "payment_failed") return refuse("status", "update the payment method to resume")
      const period = state.period_at.getTime() >= now.getTime() ? state.period_at : nextPeriod(state.period_at, state.interval, now)
      return { ok: true, state: { ...at(period), status: "active", paused_until: null } }
    }
    case "cancel":
      return { ok: true, state: { ...state, status: "canceled", paused_until: null } }
    case "change_interval": {
      if (!parseInterval(action.interval)) return refuse("interval", `"${action.interval}" is not an interval`)
      return { ok: true, state: { ...state, interval: action.interval } }
    }
    case "run_now": {
      if (state.status !== "active") return refuse("status", `a ${state.status.replace("_", " ")} subscription cannot be ordered now`)
      // The current period is brought forward to now; the one after follows the interval from here.
      return { ok: true, state: at(now) }
    }
    case "renewed":
    case "period_skipped":
      // The next period follows the one that ran, never the moment it ran, so a late tick or a
      // payment retry does not shift the schedule.
      return { ok: true, state: { ...at(nextPeriod(state.period_at, state.interval, now)), status: state.status === "payment_failed" ? "active" : state.status } }
    case "payment_failed_final":
      return { ok: true, state: { ...state, status: "payment_failed" } }
    case "payment_updated": {
      if (state.status !== "payment_failed") return refuse("status", "the subscription has no failed payment")
      // Retried at once, for the period that failed.
      return { ok: true, state: { ...state, status: "active", next_run_at: now } }
    }
  }
}
