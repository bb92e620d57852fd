// RFM: scoring every customer per currency from the store's orders (the plugin's order facts), and reading the plugin's
// stored runs back (segment counts and revenue, movement, one segment's customers).
import type { RfmScoreInput } from "../../modules/customer-segments/types"
import { segmentFor, SEGMENT_RULES, type Segment } from "../../modules/customer-segments/rules"
import { REVENUE_ORDER, type SqlConnection, type SqlQuery } from "./overview"

// quintile() of rules.ts in SQL: ties share the lowest rank, so they share a score.
const quintile = (order: string) =>
  `least(5, 1 + floor(5.0 * (rank() over (partition by currency_code order by ${order}) - 1) / count(*) over (partition by currency_code)))::int`

/**
 * Every customer's recency, frequency and monetary value per currency up to `now`, with their
 * quintile scores among that currency's customers (worst first: oldest last order, fewest
 * orders, least revenue).
 */
export function rfmScoresQuery(now: Date): SqlQuery {
  return {
    sql: `with c as (
        select f.customer_id, f.currency_code, max(f.placed_at) as last_order_at, count(*)::int as orders,
          sum(f.total) as revenue
        from retention_order_fact f
        where f.placed_at <= ?::timestamptz and ${REVENUE_ORDER} and f.customer_id is not null
        group by f.customer_id, f.currency_code
      )
      select customer_id, currency_code, last_order_at, orders, revenue::text as revenue,
        ${quintile("last_order_at")} as r,
        ${quintile("orders")} as f,
        ${quintile("revenue")} as m
      from c`,
    bindings: [now.toISOString()],
  }
}

/** Scores with their segment, ready to be stored as a run. */
export async function scoreCustomers(pg: SqlConnection, now: Date): Promise<RfmScoreInput[]> {
  const q = rfmScoresQuery(now)
  const { rows } = await pg.raw(q.sql, q.bindings)
  return rows.map((row) => {
    const scores = { r: Number(row.r), f: Number(row.f), m: Number(row.m), orders: Number(row.orders) }
    return {
      customer_id: String(row.customer_id),
      currency_code: String(row.currency_code),
      last_order_at: new Date(row.last_order_at as string),
      orders: scores.orders,
      revenue: Math.round(Number(row.revenue) * 100) / 100,
      r: scores.r,
      f: scores.f,
      m: scores.m,
      segment: segmentFor(scores),
    }
  })
}

export type SegmentFigures = {
  segment: Segment
  label: string
  rule: string
  customers: number
  revenue: number
  /** Customers in this segment at the previous run; null without a previous run. */
  previous_customers: number | null
  /** Customers in this segment at the month-old baseline (see monthBaseline); null without one. */
  month_ago_customers: number | null
}

export type SegmentsByCurrency = {
  currency_code: string
  customers: number
  segments: SegmentFigures[]
  /** Customers whose segment changed since the previous run (from null: new since then). */
  moves: { from: Segment | null; to: Segment; customers: number }[]
}

/**
 * Counts and revenue per segment and currency of a run, the moves since `previousRunId`, and
 * the counts at the month-old baseline (`monthAgo`, from the segments module's snapshots).
 */
export async function loadSegments(
  pg: SqlConnection,
  runId: string,
  previousRunId: string | null,
  monthAgo: { currency_code: string; segment: string; customers: number }[] | null = null
): Promise<SegmentsByCurrency[]> {
  const counts = async (id: string) =>
    (
      await pg.raw(
        `select currency_code, segment, count(*)::int as customers, sum(revenue)::text as revenue
         from retention_rfm_score where run_id = ? and deleted_at is null group by currency_code, segment`,
        [id]
      )
    ).rows
  const current = await counts(runId)
  const previous = previousRunId ? await counts(previousRunId) : []
  const moves = previousRunId
    ? (
        await pg.raw(
          `select c.currency_code, p.segment as from_segment, c.segment as to_segment, count(*)::int as customers
           from retention_rfm_score c
           left join retention_rfm_score p on p.run_id = ? and p.customer_id = c.customer_id and p.currency_code = c.currency_code and p.deleted_at is null
           where c.run_id = ? and c.deleted_at is null and p.segment is distinct from c.segment
           group by 1, 2, 3 order by 4 desc, 2, 3`,
          [previousRunId, runId]
        )
      ).rows
    : []

  const currencies = [...new Set(current.map((r) => String(r.currency_code)))].sort()
  return currencies.map((currency) => {
    const segments = SEGMENT_RULES.map((rule): SegmentFigures => {
      const c = current.find((r) => r.currency_code === currency && r.segment === rule.segment)
      const p = previous.find((r) => r.currency_code === currency && r.segment === rule.segment)
      return {
        segment: rule.segment,
        label: rule.label,
        rule: rule.rule,
        customers: Number(c?.customers ?? 0),
        revenue: Math.round(Number(c?.revenue ?? 0) * 100) / 100,
        previous_customers: previousRunId ? Number(p?.customers ?? 0) : null,
        month_ago_customers: monthAgo
          ? (monthAgo.find((m) => m.currency_code === currency && m.segment === rule.segment)?.customers ?? 0)
          : null,
      }
    })
    return {
      currency_code: currency,
      customers: segments.reduce((n, s) => n + s.customers, 0),
      segments,
      moves: moves
        .filter((m) => m.currency_code === currency)
        .map((m) => ({ from: (m.from_segment as Segment | null) ?? null, to: m.to_segment as Segment, customers: Number(m.customers) })),
    }
  })
}

export const SEGMENT_CSV_COLUMNS = [
  "customer_id",
  "email",
  "first_name",
  "last_name",
  "currency_code",
  "segment",
  "r",
  "f",
  "m",
  "orders",
  "revenue",
  "last_order_at",
]

/** One segment's customers in one currency at a run, best customers first, for the CSV export. */
export async function segmentCustomers(
  pg: SqlConnection,
  input: { runId: string; segment: Segment; currency: string; limit: number }
): Promise<Record<string, unknown>[]> {
  const { rows } = await pg.raw(
    `select s.customer_id, cu.email, cu.first_name, cu.last_name, s.currency_code, s.segment, s.r, s.f, s.m, s.orders,
       s.revenue::text as revenue, s.last_order_at
     from retention_rfm_score s
     left join customer cu on cu.id = s.customer_id
     where s.run_id = ? and s.segment = ? and s.currency_code = ? and s.deleted_at is null
     order by s.revenue desc, s.customer_id
     limit ?`,
    [input.runId, input.segment, input.currency, input.limit]
  )
  return rows
}
