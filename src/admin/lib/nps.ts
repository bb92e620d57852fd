// Shapes returned by /admin/retention/nps/* and small display helpers.
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
