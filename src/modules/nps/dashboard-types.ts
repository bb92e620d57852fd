// The NPS dashboard's shape, shared by the service that computes it and the admin page that
// shows it. Types only, so the admin bundle can import it without any server code.

/** The filters of the dashboard, the comment feed and its CSV export: one selection for all three. */
export type NpsFilter = {
  category?: "promoter" | "passive" | "detractor"
  // Answers confirmed in [from, to).
  from?: Date
  to?: Date
  // true: only answers with a comment; false: only those without.
  with_comment?: boolean
  // Part of the comment or of the address, any case.
  q?: string
  // A product of the surveyed order.
  product_id?: string
}

export type NpsTrendPoint = {
  // First day (UTC) of the day, week (Monday) or month.
  start: string
  nps: number | null
  responses: number
}

/** Everything counts the confirmed answers of the selection only, except the last three fields. */
export type NpsDashboard = {
  nps: number | null
  responses: number
  promoters: number
  passives: number
  detractors: number
  with_comment: number
  distribution: number[]
  // From `from` (else the selection's first answer) to `to` (else now), every bucket present.
  trend: { bucket: "day" | "week" | "month"; points: NpsTrendPoint[] }
  // Surveys sent in the period (of the product), and how many of them have a confirmed answer.
  surveys_sent: number
  surveys_answered: number
  // surveys_answered ÷ surveys_sent in %; null without surveys, or under a filter on the
  // answers themselves (category, comment, search), where it would mean nothing.
  response_rate: number | null
  // Clicks of the selection (by last click) that do not count: scanners, and never confirmed.
  discarded: number
  tentative: number
}
