import type { CustomerFigures } from "../../lib/analytics/customers"
import type { SegmentsByCurrency } from "../../lib/analytics/segments"

export type { CustomerFigures, SegmentsByCurrency }

/** GET /admin/retention/analytics/customers */
export type AnalyticsCustomers = { range: { from: string; to: string }; time_zone: string; currencies: CustomerFigures[] }

export type RfmRun = { id: string; computed_at: string; trigger: "schedule" | "manual"; scored: number }

/** GET /admin/retention/analytics/segments */
export type AnalyticsSegments = {
  run: RfmRun | null
  previous_run: RfmRun | null
  /** The snapshot nearest to a month before `run` that segment counts are compared with. */
  month_baseline: { computed_at: string } | null
  rules: { segment: string; label: string; rule: string }[]
  currencies: SegmentsByCurrency[]
}

/** A date as Medusa's admin writes it: "Dec 4, 2026" (in `timeZone` when given). */
export function formatDate(value: string | Date, timeZone?: string): string {
  return new Date(value).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone })
}

/** A date and time as the admin writes them: "Dec 4, 2026, 01:15". */
export function formatDateTime(value: string | Date): string {
  return new Date(value).toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
}

/** "Mar 2025" for a cohort month "2025-03". */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" })
}

/** The route's half-open range as the inclusive store days a person reads. */
export function storeDays(range: { from: string; to: string }, timeZone: string): string {
  return `${formatDate(range.from, timeZone)} – ${formatDate(new Date(new Date(range.to).getTime() - 1), timeZone)}`
}

/**
 * Background of a cohort cell: the darker, the larger the share ordering again. Retention
 * shares are mostly small, so the scale saturates at 50 % instead of 100 %.
 */
export function cohortShade(share: number): { backgroundColor: string; color?: string } {
  if (share <= 0) return { backgroundColor: "transparent" }
  const strength = Math.min(1, share / 0.5)
  return { backgroundColor: `rgba(37, 99, 235, ${(0.1 + 0.8 * strength).toFixed(2)})`, color: strength > 0.55 ? "white" : undefined }
}

export function formatDays(days: number | null): string {
  if (days === null) return "–"
  return days === 1 ? "1 day" : `${days.toLocaleString("en-US", { maximumFractionDigits: 1 })} days`
}
