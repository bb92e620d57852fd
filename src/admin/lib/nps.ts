// Shapes returned by /admin/retention/nps/* and small display helpers.
import { formatDate, formatMonth } from "./customers"

export type NpsCategory = "promoter" | "passive" | "detractor"

export type { NpsDashboard } from "../../modules/nps/dashboard-types"

export type NpsResponseRow = {
  id: string
  survey_id: string
  order_id: string
  order_display_id: string | null
  email: string
  customer_id: string | null
  score: number
  category: NpsCategory
  status: "tentative" | "confirmed" | "discarded"
  discard_reason: string | null
  comment: string | null
  confirmed_at: string | null
  // Whether the order and the customer exist in the store: only those are linked.
  order_found: boolean
  customer_found: boolean
}

export type NpsSurveyRow = {
  id: string
  order_id: string
  order_display_id: string | null
  status: "scheduled" | "sent" | "skipped" | "responded"
  skip_reason: string | null
  due_at: string
  sent_at: string | null
  created_at: string
  response: Pick<NpsResponseRow, "id" | "score" | "category" | "status" | "discard_reason" | "comment" | "confirmed_at"> | null
}

export const CATEGORY_COLOR: Record<NpsCategory, "green" | "grey" | "red"> = {
  promoter: "green",
  passive: "grey",
  detractor: "red",
}

export const SURVEY_STATUS_COLOR: Record<NpsSurveyRow["status"], "blue" | "orange" | "grey" | "green"> = {
  scheduled: "blue",
  sent: "orange",
  skipped: "grey",
  responded: "green",
}

export const formatNps = (value: number | null) => (value === null ? "–" : `${value > 0 ? "+" : ""}${value}`)
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "–")

// The page's filters, as they are named in its URL and in the API's query.
export const NPS_FILTER_KEYS = ["from", "to", "category", "product_id", "with_comment", "q"] as const

type Bucket = "day" | "week" | "month"

/** What one point of the trend covers: "Mar 25, 2030", "Week of Mar 25, 2030", "Mar 2030". */
export function trendBucketLabel(start: string, bucket: Bucket): string {
  if (bucket === "month") return formatMonth(start.slice(0, 7))
  return `${bucket === "week" ? "Week of " : ""}${formatDate(start, "UTC")}`
}

/** A date under the trend's x axis: "Mar 25", with the year when the axis spans several. */
export function trendTickLabel(start: string, bucket: Bucket, withYear: boolean): string {
  if (bucket === "month") return formatMonth(start.slice(0, 7))
  if (withYear) return formatDate(start, "UTC")
  return new Date(`${start}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })
}

/** A value range that holds 0 and every point, in whole steps of 25 (50 when wide), within ±100. */
export function npsDomain(values: number[]): { min: number; max: number; step: number } {
  const lo = Math.min(0, ...values)
  const hi = Math.max(0, ...values)
  const step = hi - lo > 100 ? 50 : 25
  let min = Math.max(-100, Math.floor(lo / step) * step)
  let max = Math.min(100, Math.ceil(hi / step) * step)
  if (min === max) {
    // Every point at 0: a band around the zero line.
    min = -step
    max = step
  }
  return { min, max, step }
}
