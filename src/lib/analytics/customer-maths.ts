// Pure figures of the Customers report: ranges in the store's time zone, predicted lifetime
// value, cohort rows. No database and no Node APIs, so the admin page can import them too.
import { dateTimeFormatter } from "../time-zone"
import { DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS, type Range, resolveRange } from "./maths"

const DAY_MS = 86_400_000

/** Milliseconds to add to a UTC instant to read the wall clock in `timeZone` at that instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(dateTimeFormatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return wall - Math.floor(instant / 1000) * 1000
}

/** The instant a calendar day ("2026-03-01") begins in `timeZone`. */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number)
  const wall = Date.UTC(y, m - 1, d)
  // Two passes: the offset at the guess can differ from the offset at the answer when a
  // daylight-saving change falls between them.
  const first = wall - offsetAt(wall, timeZone)
  return new Date(wall - offsetAt(first, timeZone))
}

/** "2026-03" for the month an instant falls in, in `timeZone`. */
export function monthIn(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(dateTimeFormatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}`
}

/** Months from `from` to `to` ("2026-01" → "2026-03" is 2). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number)
  const [ty, tm] = to.split("-").map(Number)
  return (ty - fy) * 12 + (tm - fm)
}

const isCalendarDay = (value: string) => value.length === 10
/** The calendar day `n` days after `day` ("2026-03-01", 1 → "2026-03-02"). */
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * DAY_MS).toISOString().slice(0, 10)

/**
 * The half-open range [from, to) a request asks for. Calendar days are days in the store's time
 * zone and `to` includes its whole day; timestamps with an offset are taken as they are.
 * Without `from` it is the default number of days before `to` (store days when `to` is a day);
 * without `to`, up to now.
 */
export function resolveZonedRange(input: {
  from?: string
  to?: string
  timeZone: string
  now: Date
}): { range: Range } | { error: string } {
  const to = input.to ? (isCalendarDay(input.to) ? startOfDayIn(addDays(input.to, 1), input.timeZone) : new Date(input.to)) : input.now
  const from = input.from
    ? isCalendarDay(input.from)
      ? startOfDayIn(input.from, input.timeZone)
      : new Date(input.from)
    : input.to && isCalendarDay(input.to)
      ? startOfDayIn(addDays(input.to, 1 - DEFAULT_RANGE_DAYS), input.timeZone)
      : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS)
  if (to.getTime() <= from.getTime()) return { error: "to: must be after from" }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) return { error: "to: the range may span at most 5 years" }
  return { range: { from, to } }
}

/**
 * The range a request asks for (resolveZonedRange) and the period just before it that it is
 * compared with: as many store days when the range is store days (a daylight-saving change
 * makes a day 23 or 25 hours long, and the previous period still starts at a local midnight),
 * else the same length of time.
 */
export function resolveZonedPeriods(input: {
  from?: string
  to?: string
  timeZone: string
  now: Date
}): { current: Range; previous: Range } | { error: string } {
  const resolved = resolveZonedRange(input)
  if ("error" in resolved) return resolved
  const current = resolved.range
  if (input.to && isCalendarDay(input.to) && (!input.from || isCalendarDay(input.from))) {
    const firstDay = input.from ?? addDays(input.to, 1 - DEFAULT_RANGE_DAYS)
    const days = Math.round((Date.parse(addDays(input.to, 1)) - Date.parse(firstDay)) / DAY_MS)
    return { current, previous: { from: startOfDayIn(addDays(firstDay, -days), input.timeZone), to: current.from } }
  }
  return { current, previous: resolveRange({ from: current.from, to: current.to, now: input.now }).previous }
}

// A store that lost almost nobody in a year would predict lifetimes of decades; the estimate
// stops at ten years, past which nothing about today's customers predicts anything.
export const MAX_LIFESPAN_YEARS = 10

export type ClvPrediction = {
  /** Revenue / orders over the 12 months before the range's end. */
  aov: number | null
  /** Orders per active customer over those 12 months (purchases a year). */
  frequency: number | null
  /** Share of the previous 12 months' customers who did not order in the last 12 months. */
  annual_churn: number | null
  /** 1 / annual churn, in years, at most MAX_LIFESPAN_YEARS. */
  lifespan_years: number | null
  /** aov × frequency × lifespan; null without a full year of history to measure churn. */
  predicted_clv: number | null
}

/**
 * Predicted lifetime value = AOV × purchases a year × expected lifespan in years, where the
 * lifespan is 1 / yearly churn (customers leave at a constant rate, so the time until one does
 * has that mean). All inputs come from the store's own orders in one currency.
 */
export function predictClv(input: {
  orders: number
  revenue: number
  customers: number
  previousCustomers: number
  churned: number
}): ClvPrediction {
  const aov = input.orders ? input.revenue / input.orders : null
  const frequency = input.customers ? input.orders / input.customers : null
  const annualChurn = input.previousCustomers ? input.churned / input.previousCustomers : null
  const lifespan = annualChurn === null ? null : annualChurn === 0 ? MAX_LIFESPAN_YEARS : Math.min(MAX_LIFESPAN_YEARS, 1 / annualChurn)
  const predicted = aov === null || frequency === null || lifespan === null ? null : Math.round(aov * frequency * lifespan * 100) / 100
  return { aov, frequency, annual_churn: annualChurn, lifespan_years: lifespan, predicted_clv: predicted }
}

export type CohortRow = {
  /** Month of the customers' first order in this currency, "2026-01", store time zone. */
  cohort: string
  customers: number
  /** One cell per later month up to the range's last month: who ordered again in that month. */
  months: { offset: number; customers: number; share: number }[]
}

/**
 * Cohort rows from (cohort, offset, customers) counts: offset 0 is the cohort's size, every
 * later month up to `lastMonth` gets a cell, zero where nobody ordered.
 */
export function cohortRows(counts: { cohort: string; offset: number; customers: number }[], lastMonth: string): CohortRow[] {
  const cohorts = [...new Set(counts.map((c) => c.cohort))].sort()
  return cohorts.map((cohort) => {
    const size = counts.find((c) => c.cohort === cohort && c.offset === 0)?.customers ?? 0
    const span = monthsBetween(cohort, lastMonth)
    const months = Array.from({ length: Math.max(0, span) }, (_, i) => {
      const customers = counts.find((c) => c.cohort === cohort && c.offset === i + 1)?.customers ?? 0
      return { offset: i + 1, customers, share: size ? customers / size : 0 }
    })
    return { cohort, customers: size, months }
  })
}
