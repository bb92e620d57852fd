// Pure parts of the Overview's revenue-over-time series: which bucket a range is drawn in, and
// every bucket of a range in the store's time zone (the SQL returns only buckets with orders; a
// day without orders is still a bar position on the chart, with nothing drawn).
import { dateTimeFormatter } from "../time-zone"
import type { Range } from "./maths"

const DAY_MS = 86_400_000

/** Ranges of up to this many days are drawn per day, longer ones per ISO week (Monday first). */
export const DAILY_SERIES_MAX_DAYS = 90

export type SeriesBucket = "day" | "week"

/**
 * "day" up to 90 days, else "week". A range of store days crossing a daylight-saving change is
 * an hour shorter or longer than its days × 24 h, so the length is rounded to whole days.
 */
export function seriesBucket(range: Range): SeriesBucket {
  return Math.round((range.to.getTime() - range.from.getTime()) / DAY_MS) <= DAILY_SERIES_MAX_DAYS ? "day" : "week"
}

/** The calendar day ("2026-03-01") an instant falls on in `timeZone`. */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(dateTimeFormatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** The Monday of the ISO week a calendar day belongs to. */
export function isoWeekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7))
}

/** The bucket a calendar day belongs to: the day itself, or its ISO week's Monday. */
export const bucketOf = (day: string, bucket: SeriesBucket) => (bucket === "day" ? day : isoWeekStart(day))

/**
 * Every bucket of a half-open range, oldest first, as the store's calendar days (or the Mondays
 * of their weeks; the first and last week may be partly outside the range).
 */
export function bucketStarts(range: Range, timeZone: string, bucket: SeriesBucket): string[] {
  const first = bucketOf(dayIn(range.from, timeZone), bucket)
  const last = bucketOf(dayIn(new Date(range.to.getTime() - 1), timeZone), bucket)
  const step = bucket === "day" ? 1 : 7
  const starts: string[] = []
  for (let day = first; day <= last; day = addDays(day, step)) starts.push(day)
  return starts
}
