import type { CurrencyRevenue, PeriodFigures, RevenueBucket, RevenueSeries } from "../../lib/analytics/overview"
import type { SubscriptionStats } from "./subscriptions"

export { delta } from "../../lib/analytics/maths"
export type { CurrencyRevenue, PeriodFigures, RevenueBucket, RevenueSeries }

/** GET /admin/retention/analytics/overview */
export type AnalyticsOverview = {
  range: { from: string; to: string }
  previous_range: { from: string; to: string }
  /** The store's time zone (Settings → Brand): calendar days in the range are its days. */
  time_zone: string
  current: PeriodFigures
  previous: PeriodFigures
  /** The range's store and attributed revenue per currency, per store day (≤ 90 days) or ISO week. */
  series: RevenueSeries
  now: {
    active_pauses: number
    loyalty_members: number
    loyalty_liability: { currency_code: string; points: number; point_value: number; amount: number }[]
    /** The replenishment module's figures now (the Subscriptions page's KPIs). */
    subscriptions: SubscriptionStats
  }
}

export const RANGE_PRESETS = [7, 30, 90, 365] as const

const DAY_MS = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** The calendar day ("2026-03-01") an instant falls on in `timeZone` (en-CA writes ISO dates). */
function dayIn(instant: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant)
  } catch {
    return isoDay(instant)
  }
}

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"

/**
 * The last `days` calendar days including today, as the route's inclusive from/to. "Today" is
 * the day in `timeZone` (the merchant's browser by default, so a store in Istanbul opened at
 * 01:30 local time already counts the new day; UTC would still be on yesterday). The route reads
 * the dates as the store's days.
 */
export function presetRange(days: number, timeZone: string = browserTimeZone(), today = new Date()): { from: string; to: string } {
  const to = dayIn(today, timeZone)
  return { from: isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS)), to }
}

/** The route's half-open range back as the inclusive calendar dates a person reads, in the store's time zone. */
export function readableRange(range: { from: string; to: string }, timeZone = "UTC"): string {
  const from = new Date(range.from)
  const last = new Date(new Date(range.to).getTime() - 1)
  const fmt = (d: Date) => d.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric", timeZone })
  return `${fmt(from)} – ${fmt(last)}`
}

/**
 * Money in its own currency with its narrow symbol, as Medusa's admin writes amounts (₺1,137.20,
 * not TRY 1,137.20); "none" (points not tied to an order) as a plain number.
 */
export function formatMoney(amount: number, currency: string): string {
  if (currency === "none") return amount.toLocaleString(undefined, { maximumFractionDigits: 2 })
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase(), currencyDisplay: "narrowSymbol" }).format(amount)
  } catch {
    // A code Intl does not know still shows, with its code.
    return `${amount.toLocaleString(undefined, { maximumFractionDigits: 2 })} ${currency.toUpperCase()}`
  }
}

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? "–" : `${(value * 100).toFixed(digits)} %`
}

export function formatCount(value: number): string {
  return value.toLocaleString()
}
