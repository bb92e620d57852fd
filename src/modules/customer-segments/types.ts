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

/** An order's current state as its fact row stores it (see models/order-fact.ts). */
export type OrderFactInput = {
  order_id: string
  customer_id: string | null
  currency_code: string
  /** The current total as PostgreSQL's numeric text, exact; null without an order summary. */
  total: string | null
  /** The order's created_at as PostgreSQL's timestamptz text (microseconds kept). */
  placed_at: string
  status: string
  is_draft_order: boolean
  order_version: number
}

export type OrderFactSyncState = {
  recent_synced_at: Date | null
  cursor: string | null
  full_synced_at: Date | null
}
