import type { Segment } from "./rules"

/** One customer's scores in one currency, as a computation hands them to recordRun. */
export type RfmScoreInput = {
  customer_id: string
  currency_code: string
  last_order_at: Date
  orders: number
  revenue: number
  r: number
  f: number
  m: number
  segment: Segment
}
