// The NPS dashboard's shape, shared by the service that computes it and the admin page that
// shows it. Types only, so the admin bundle can import it without any server code.
export type NpsDashboard = {
  nps_30: number | null
  nps_90: number | null
  nps_all: number | null
  responses_30: number
  responses_90: number
  responses_all: number
  promoters_all: number
  passives_all: number
  detractors_all: number
  distribution: number[]
  weekly: { week: string; nps: number | null; responses: number }[]
  surveys_sent: number
  // Confirmed responses per survey sent.
  response_rate: number | null
  discarded: number
  tentative: number
}
