// The Overview's SQL: read-only aggregates over the plugin's own tables (orders through its
// order facts, see below), each bounded by the range on an indexed timestamp column and grouped
// to a handful of rows. The route runs them on the shared PG connection because the figures
// join tables of several modules (a module may not call another module's service, and Query cannot aggregate).
import { computeNps } from "../../modules/nps/scoring"
import { incrementalRevenue, type Range, rate } from "./maths"
import { bucketStarts, type SeriesBucket, seriesBucket } from "./revenue-series"

export type SqlQuery = { sql: string; bindings: (string | number)[] }

/** The part of knex (Medusa's PG_CONNECTION) the Overview uses. */
export type SqlConnection = {
  raw: (sql: string, bindings: readonly (string | number)[]) => Promise<{ rows: Record<string, unknown>[] }>
}

const bounds = (range: Range) => [range.from.toISOString(), range.to.toISOString()]

// Orders are read from the plugin's own copy, retention_order_fact (one row per order, indexed
// on placed_at = the order's created_at; see src/lib/analytics/order-facts.ts), not from
// Medusa's order table, which has no index on created_at: a range of orders is an index range
// instead of a scan of every order. Its total is the order's current total (order_summary of
// the current version: after edits, returns and refund adjustments). Draft and canceled orders
// are not revenue; an order without a summary (no total) counts in no revenue figure.
export const REAL_ORDER = `f.is_draft_order = false and f.status not in ('canceled', 'draft') and f.deleted_at is null`
export const REVENUE_ORDER = `${REAL_ORDER} and f.total is not null`

/** Store revenue and orders per currency, orders placed in the range. */
export function storeRevenueQuery(range: Range): SqlQuery {
  return {
    sql: `select f.currency_code, count(*)::int as orders, sum(f.total)::text as revenue
      from retention_order_fact f
      where f.placed_at >= ?::timestamptz and f.placed_at < ?::timestamptz and ${REVENUE_ORDER}
      group by f.currency_code`,
    bindings: bounds(range),
  }
}

/**
 * The attributed orders of a range, one row per order with its programs. "recovered": carts the
 * cart-recovery module credited to an email (ordered_at is the order's created_at). "loyalty":
 * orders whose points hold became a redemption. "renewal": orders a subscription's renewal placed
 * (its run is `ordered` with that order). An order in two programs (recovered and paid with
 * points) is one row, so it is not counted twice in the share of store revenue.
 */
function taggedOrdersCte(range: Range): SqlQuery {
  return {
    sql: `recovered as (
        select order_id from retention_tracked_cart
        where status = 'recovered' and order_id is not null and deleted_at is null
          and ordered_at >= ?::timestamptz and ordered_at < ?::timestamptz
      ), redeemed as (
        select distinct order_id from retention_loyalty_entry
        where type = 'redeem' and order_id is not null and deleted_at is null
          and created_at >= ?::timestamptz - interval '1 day' and created_at < ?::timestamptz + interval '1 day'
      ), renewed as (
        select r.order_id from retention_subscription_run r
        join retention_order_fact ro on ro.order_id = r.order_id and ro.deleted_at is null
        where r.status = 'ordered' and r.deleted_at is null
          and ro.placed_at >= ?::timestamptz and ro.placed_at < ?::timestamptz
      ), tagged as (
        select order_id, bool_or(program = 'recovered') as recovered, bool_or(program = 'loyalty') as loyalty,
          bool_or(program = 'renewal') as renewal
        from (select order_id, 'recovered' as program from recovered
              union all select order_id, 'loyalty' from redeemed
              union all select order_id, 'renewal' from renewed) x
        group by order_id
      )`,
    // The redeem entry is written when the order is placed; a day's margin on its index range
    // keeps orders at the range's edges, and the order's own date decides membership. Renewal
    // runs are found from the range's orders (the run's order_id index), whenever the run began.
    bindings: [...bounds(range), ...bounds(range), ...bounds(range)],
  }
}

// Per-program figures of a group of orders `f` left-joined to `tagged` `t`. The programs
// overlap; attributed_* counts each order once.
const PROGRAM_COLUMNS = `count(*) filter (where t.recovered)::int as recovered_orders,
        coalesce(sum(f.total) filter (where t.recovered), 0)::text as recovered_revenue,
        count(*) filter (where t.loyalty)::int as loyalty_orders,
        coalesce(sum(f.total) filter (where t.loyalty), 0)::text as loyalty_revenue,
        count(*) filter (where t.renewal)::int as renewal_orders,
        coalesce(sum(f.total) filter (where t.renewal), 0)::text as renewal_revenue,
        count(t.order_id)::int as attributed_orders,
        coalesce(sum(f.total) filter (where t.order_id is not null), 0)::text as attributed_revenue`

/** Attributed orders and revenue per program and currency, orders placed in the range (see taggedOrdersCte). */
export function attributedRevenueQuery(range: Range): SqlQuery {
  const tagged = taggedOrdersCte(range)
  return {
    sql: `with ${tagged.sql}
      select f.currency_code, ${PROGRAM_COLUMNS}
      from tagged t join retention_order_fact f on f.order_id = t.order_id
      where f.placed_at >= ?::timestamptz and f.placed_at < ?::timestamptz and ${REVENUE_ORDER}
      group by f.currency_code`,
    bindings: [...tagged.bindings, ...bounds(range)],
  }
}

/**
 * Store revenue and the attributed parts per currency and bucket (the store's calendar day, or
 * the Monday of its ISO week), and per currency over the whole range (rows with a null bucket:
 * the figures storeRevenueQuery and attributedRevenueQuery give, from the same scan, so the
 * buckets add up to the totals by construction). stack_* split the attributed revenue into
 * parts that do not overlap, for a stacked chart: recovered first, then renewals, then the
 * remaining orders that redeemed points.
 */
export function revenueSeriesQuery(range: Range, timeZone: string, bucket: SeriesBucket): SqlQuery {
  const tagged = taggedOrdersCte(range)
  return {
    sql: `with ${tagged.sql}, o as (
        select f.order_id, f.currency_code, f.total,
          to_char(date_trunc(?::text, f.placed_at at time zone ?::text), 'YYYY-MM-DD') as bucket
        from retention_order_fact f
        where f.placed_at >= ?::timestamptz and f.placed_at < ?::timestamptz and ${REVENUE_ORDER}
      )
      select f.currency_code, f.bucket, count(*)::int as orders, sum(f.total)::text as revenue,
        ${PROGRAM_COLUMNS},
        coalesce(sum(f.total) filter (where t.recovered), 0)::text as stack_recovered,
        coalesce(sum(f.total) filter (where t.renewal and not t.recovered), 0)::text as stack_renewal,
        coalesce(sum(f.total) filter (where t.loyalty and not t.recovered and not t.renewal), 0)::text as stack_loyalty
      from o f left join tagged t on t.order_id = f.order_id
      group by grouping sets ((f.currency_code, f.bucket), (f.currency_code))
      order by f.currency_code, f.bucket nulls first`,
    bindings: [...tagged.bindings, bucket, timeZone, ...bounds(range)],
  }
}

/** Subscriptions started and canceled in the range (the subscription's own timestamps). */
export function subscriptionsQuery(range: Range): SqlQuery {
  return {
    sql: `select
        count(*) filter (where created_at >= ?::timestamptz and created_at < ?::timestamptz)::int as started,
        count(*) filter (where status = 'canceled' and canceled_at >= ?::timestamptz and canceled_at < ?::timestamptz)::int as canceled
      from retention_subscription
      where deleted_at is null
        and ((created_at >= ?::timestamptz and created_at < ?::timestamptz) or (canceled_at >= ?::timestamptz and canceled_at < ?::timestamptz))`,
    bindings: [...bounds(range), ...bounds(range), ...bounds(range), ...bounds(range)],
  }
}

/**
 * The holdout comparison per currency over carts that went quiet in the range, as the campaign
 * page defines its groups: emailed carts vs holdout carts, and what each group ordered.
 */
export function holdoutQuery(range: Range): SqlQuery {
  return {
    sql: `select currency_code,
        count(*) filter (where not holdout and last_sent_at is not null)::int as emailed_carts,
        coalesce(sum(order_total) filter (where not holdout and status = 'recovered'), 0)::text as emailed_revenue,
        count(*) filter (where holdout)::int as holdout_carts,
        count(*) filter (where holdout and order_id is not null and ordered_at >= abandoned_at)::int as holdout_orders,
        coalesce(sum(order_total) filter (where holdout and order_id is not null and ordered_at >= abandoned_at), 0)::text as holdout_revenue
      from retention_tracked_cart
      where abandoned_at >= ?::timestamptz and abandoned_at < ?::timestamptz and deleted_at is null
      group by currency_code`,
    bindings: bounds(range),
  }
}

// Statuses of messages the provider accepted; (status, created_at) is the log's index.
const WENT_OUT = ["sent", "delivered", "opened", "clicked", "bounced"]

/**
 * Email health over the messages created in the range that went out (the cohort the messages
 * page lists for the same dates): what happened to them since, complaints and unsubscribes from
 * the provider's events on those messages. The few complaint and unsubscribe events come from
 * the events' (type, occurred_at) index and are joined once, rather than probing the events of
 * every message sent (two index lookups per message: seconds at 200,000 messages a month). An
 * event never precedes its message; the day's margin covers the provider's clock.
 */
export function emailHealthQuery(range: Range): SqlQuery {
  return {
    sql: `select count(*)::int as sent,
        count(*) filter (where m.delivered_at is not null or m.status in ('delivered', 'opened', 'clicked'))::int as delivered,
        count(*) filter (where m.opened_at is not null or m.clicked_at is not null or m.status in ('opened', 'clicked'))::int as opened,
        count(*) filter (where m.clicked_at is not null or m.status = 'clicked')::int as clicked,
        count(*) filter (where m.status = 'bounced')::int as bounced,
        count(*) filter (where e.complaint)::int as complaints,
        count(*) filter (where e.unsubscribe)::int as unsubscribes
      from retention_message m
      left join (
        select message_id, bool_or(type = 'spamreport') as complaint, bool_or(type in ('unsubscribe', 'group_unsubscribe')) as unsubscribe
        from retention_message_event
        where type in ('spamreport', 'unsubscribe', 'group_unsubscribe') and occurred_at >= ?::timestamptz - interval '1 day'
          and message_id is not null and deleted_at is null
        group by message_id
      ) e on e.message_id = m.id
      where m.status in (${WENT_OUT.map(() => "?").join(", ")})
        and m.created_at >= ?::timestamptz and m.created_at < ?::timestamptz and m.deleted_at is null`,
    bindings: [range.from.toISOString(), ...WENT_OUT, ...bounds(range)],
  }
}

/** Deliverability pauses in force now (not range-bound: a pause matters until resumed). */
export function activePausesQuery(): SqlQuery {
  return { sql: `select count(*)::int as n from retention_send_pause where resumed_at is null and deleted_at is null`, bindings: [] }
}

/**
 * Points issued, redeemed and expired in the range (the loyalty dashboard's definitions), and
 * members who earned or redeemed points in it, over the ledger's (type, created_at) index.
 */
export function loyaltyQuery(range: Range): SqlQuery {
  return {
    sql: `select coalesce(sum(points) filter (where type in ('earn', 'bonus') and status <> 'void'), 0)::int as issued,
        coalesce(-sum(points) filter (where type = 'redeem'), 0)::int as redeemed,
        coalesce(-sum(points) filter (where type = 'expire'), 0)::int as expired,
        count(distinct customer_id) filter (where type <> 'expire' and status <> 'void')::int as active_members
      from retention_loyalty_entry
      where type in ('earn', 'bonus', 'redeem', 'expire')
        and created_at >= ?::timestamptz and created_at < ?::timestamptz and deleted_at is null`,
    bindings: bounds(range),
  }
}

/**
 * NPS over responses confirmed in the range (only confirmed responses count, as on the NPS
 * page), and the response rate of the surveys sent in the range.
 */
export function npsQuery(range: Range): SqlQuery {
  return {
    sql: `with r as (
        select score from retention_nps_response
        where status = 'confirmed' and confirmed_at >= ?::timestamptz and confirmed_at < ?::timestamptz and deleted_at is null
      ), s as (
        select id from retention_nps_survey
        where status in ('sent', 'responded') and sent_at >= ?::timestamptz and sent_at < ?::timestamptz and deleted_at is null
      )
      select (select count(*) from r where score >= 9)::int as promoters,
        (select count(*) from r where score between 7 and 8)::int as passives,
        (select count(*) from r where score <= 6)::int as detractors,
        (select count(*) from s)::int as surveys_sent,
        (select count(*) from s where exists (select 1 from retention_nps_response x
          where x.survey_id = s.id and x.status = 'confirmed' and x.deleted_at is null))::int as surveys_answered`,
    bindings: [...bounds(range), ...bounds(range)],
  }
}

export type CurrencyRevenue = {
  currency_code: string
  store_orders: number
  store_revenue: number
  recovered_orders: number
  recovered_revenue: number
  loyalty_orders: number
  loyalty_revenue: number
  /** Orders placed by subscription renewals. */
  renewal_orders: number
  renewal_revenue: number
  attributed_orders: number
  attributed_revenue: number
  /** attributed_revenue / store_revenue, 0–1; null without store revenue in this currency. */
  attributed_share: number | null
  emailed_carts: number
  holdout_carts: number
  holdout_orders: number
  /** Recovered revenue above what the holdout group bought; null without a holdout group. */
  incremental_revenue: number | null
}

export type PeriodFigures = {
  revenue: CurrencyRevenue[]
  email: {
    sent: number
    delivered: number
    opened: number
    clicked: number
    bounced: number
    complaints: number
    unsubscribes: number
    rates: Record<"delivered" | "opened" | "clicked" | "bounced" | "complaints" | "unsubscribes", number | null>
  }
  loyalty: { issued: number; redeemed: number; expired: number; active_members: number }
  /** Subscriptions that started and that were canceled in the range (renewals are in `revenue`). */
  subscriptions: { started: number; canceled: number }
  nps: {
    score: number | null
    responses: number
    promoters: number
    passives: number
    detractors: number
    surveys_sent: number
    surveys_answered: number
    response_rate: number | null
  }
}

/** One bucket of the revenue series: the store's day, or the ISO week starting that Monday. */
export type RevenueBucket = {
  start: string
  store_orders: number
  store_revenue: number
  /** Per program, as in CurrencyRevenue (an order in two programs is in both). */
  recovered_revenue: number
  loyalty_revenue: number
  renewal_revenue: number
  /** Each attributed order once. */
  attributed_revenue: number
  /** attributed_revenue split without overlap for stacking: recovered, then renewal, then loyalty. */
  stack: { recovered: number; renewal: number; loyalty: number }
}

/** Revenue over time in the range, per currency (currencies are never added together). */
export type RevenueSeries = {
  bucket: SeriesBucket
  currencies: { currency_code: string; buckets: RevenueBucket[] }[]
}

const num = (v: unknown) => Number(v ?? 0)
const money = (v: unknown) => Math.round(num(v) * 100) / 100

async function run(pg: SqlConnection, q: SqlQuery) {
  return (await pg.raw(q.sql, q.bindings)).rows
}

type RevenueRows = { store: Record<string, unknown>[]; attributed: Record<string, unknown>[] }

/**
 * The range's revenue series in the store's time zone (every bucket of the range, zeros where
 * no order was placed), and its per-currency totals as loadPeriodFigures reads them.
 */
export async function loadRevenueSeries(
  pg: SqlConnection,
  range: Range,
  timeZone: string
): Promise<{ series: RevenueSeries; totals: RevenueRows }> {
  const bucket = seriesBucket(range)
  const rows = await run(pg, revenueSeriesQuery(range, timeZone, bucket))
  const totals = rows.filter((r) => r.bucket === null)
  const starts = bucketStarts(range, timeZone, bucket)
  const currencies = totals.map((t) => {
    const currency = String(t.currency_code)
    const found = new Map(rows.filter((r) => r.bucket !== null && r.currency_code === currency).map((r) => [String(r.bucket), r]))
    return {
      currency_code: currency,
      buckets: starts.map((start): RevenueBucket => {
        const r = found.get(start)
        return {
          start,
          store_orders: num(r?.orders),
          store_revenue: money(r?.revenue),
          recovered_revenue: money(r?.recovered_revenue),
          loyalty_revenue: money(r?.loyalty_revenue),
          renewal_revenue: money(r?.renewal_revenue),
          attributed_revenue: money(r?.attributed_revenue),
          stack: { recovered: money(r?.stack_recovered), renewal: money(r?.stack_renewal), loyalty: money(r?.stack_loyalty) },
        }
      }),
    }
  })
  return {
    series: { bucket, currencies: currencies.sort((a, b) => a.currency_code.localeCompare(b.currency_code)) },
    // The totals rows carry both the store's and the attributed columns.
    totals: { store: totals, attributed: totals },
  }
}

/**
 * Every range-bound figure of one period, one query per area, run one after another. `revenueRows`:
 * the store and attributed rows when loadRevenueSeries already read them for this range.
 */
export async function loadPeriodFigures(pg: SqlConnection, range: Range, revenueRows?: RevenueRows): Promise<PeriodFigures> {
  const store = revenueRows?.store ?? (await run(pg, storeRevenueQuery(range)))
  const attributed = revenueRows?.attributed ?? (await run(pg, attributedRevenueQuery(range)))
  const holdout = await run(pg, holdoutQuery(range))
  const [email] = await run(pg, emailHealthQuery(range))
  const [loyalty] = await run(pg, loyaltyQuery(range))
  const [subscriptions] = await run(pg, subscriptionsQuery(range))
  const [nps] = await run(pg, npsQuery(range))

  const currencies = [...new Set([...store, ...attributed, ...holdout].map((r) => String(r.currency_code)))].sort()
  const revenue = currencies.map((currency): CurrencyRevenue => {
    const s = store.find((r) => r.currency_code === currency)
    const a = attributed.find((r) => r.currency_code === currency)
    const h = holdout.find((r) => r.currency_code === currency)
    const storeRevenue = money(s?.revenue)
    const attributedRevenue = money(a?.attributed_revenue)
    return {
      currency_code: currency,
      store_orders: num(s?.orders),
      store_revenue: storeRevenue,
      recovered_orders: num(a?.recovered_orders),
      recovered_revenue: money(a?.recovered_revenue),
      loyalty_orders: num(a?.loyalty_orders),
      loyalty_revenue: money(a?.loyalty_revenue),
      renewal_orders: num(a?.renewal_orders),
      renewal_revenue: money(a?.renewal_revenue),
      attributed_orders: num(a?.attributed_orders),
      attributed_revenue: attributedRevenue,
      attributed_share: rate(attributedRevenue, storeRevenue),
      emailed_carts: num(h?.emailed_carts),
      holdout_carts: num(h?.holdout_carts),
      holdout_orders: num(h?.holdout_orders),
      incremental_revenue: incrementalRevenue({
        emailedCarts: num(h?.emailed_carts),
        emailedRevenue: num(h?.emailed_revenue),
        holdoutCarts: num(h?.holdout_carts),
        holdoutRevenue: num(h?.holdout_revenue),
      }),
    }
  })

  const sent = num(email?.sent)
  const counts = {
    delivered: num(email?.delivered),
    opened: num(email?.opened),
    clicked: num(email?.clicked),
    bounced: num(email?.bounced),
    complaints: num(email?.complaints),
    unsubscribes: num(email?.unsubscribes),
  }
  const promoters = num(nps?.promoters)
  const passives = num(nps?.passives)
  const detractors = num(nps?.detractors)
  const surveysSent = num(nps?.surveys_sent)
  const surveysAnswered = num(nps?.surveys_answered)
  return {
    revenue,
    email: {
      sent,
      ...counts,
      rates: {
        delivered: rate(counts.delivered, sent),
        opened: rate(counts.opened, sent),
        clicked: rate(counts.clicked, sent),
        bounced: rate(counts.bounced, sent),
        complaints: rate(counts.complaints, sent),
        unsubscribes: rate(counts.unsubscribes, sent),
      },
    },
    loyalty: {
      issued: num(loyalty?.issued),
      redeemed: num(loyalty?.redeemed),
      expired: num(loyalty?.expired),
      active_members: num(loyalty?.active_members),
    },
    subscriptions: { started: num(subscriptions?.started), canceled: num(subscriptions?.canceled) },
    nps: {
      score: computeNps({ promoters, passives, detractors }),
      responses: promoters + passives + detractors,
      promoters,
      passives,
      detractors,
      surveys_sent: surveysSent,
      surveys_answered: surveysAnswered,
      response_rate: rate(surveysAnswered, surveysSent),
    },
  }
}

/** Figures that describe now rather than a period. */
export async function loadCurrentState(pg: SqlConnection): Promise<{ active_pauses: number }> {
  const [pauses] = await run(pg, activePausesQuery())
  return { active_pauses: num(pauses?.n) }
}
