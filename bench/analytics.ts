// `analytics` benchmark, run by scripts/bench.js through `medusa exec` against a freshly migrated
// throw-away database (Medusa's order tables and the plugin's tables with their real indexes).
//
// Data: ORDERS orders over two years (1,000,000 by default; BENCH_ANALYTICS_ORDERS=100000 for a
// quick run) with their order_summary rows, and MESSAGES retention messages (5 per order, so
// 5,000,000), plus what the Overview also reads, at sizes a store of that volume would have:
// message events, tracked carts (the last ~10 weeks: finished sequences are pruned 30 days after
// their attribution window), the loyalty ledger, subscriptions and their renewal runs, NPS
// surveys and responses, send pauses; and what a store that ran the plugin keeps: one order fact
// per order (retention_order_fact, what the Overview reads orders from) and the loyalty
// liability cache. Everything is seeded with INSERT ... SELECT over
// generate_series; the big tables' secondary indexes are built after their load, from the
// migration's own definitions.
//
// value:    ms for the Overview of the last 30 days as GET /admin/retention/analytics/overview
//           computes it (loadOverview: both periods' figures and the current period's revenue
//           series per day in SQL, then the figures of now), median of RUNS after a warm-up.
// baseline: ms for the same figures, the series included, with the rows of both periods loaded
//           into JavaScript and counted there, the orders from the same order facts by the same index (the figures
//           of now computed the same way as in `value`, as they are not rows of a range). Both
//           results must be equal, and equal to the figures from Medusa's order tables
//           (checked once, untimed), or the benchmark fails.
// Lower is better; ratio = value / baseline. Target: value under 1 s at 1M orders / 5M messages.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveZonedPeriods } from "../src/lib/analytics/customer-maths"
import { incrementalRevenue, type Range, rate } from "../src/lib/analytics/maths"
import { ORDER_TOTAL } from "../src/lib/analytics/order-facts"
import type { PeriodFigures, RevenueSeries } from "../src/lib/analytics/overview"
import { loadNowFigures, loadOverview, type OverviewDependencies } from "../src/lib/analytics/overview-report"
import { bucketOf, bucketStarts, dayIn, seriesBucket } from "../src/lib/analytics/revenue-series"
import { RETENTION_LOYALTY_MODULE } from "../src/modules/loyalty"
import { computeNps } from "../src/modules/nps/scoring"
import { RETENTION_REPLENISHMENT_MODULE } from "../src/modules/replenishment"

const ORDERS = Number(process.env.BENCH_ANALYTICS_ORDERS || 1_000_000)
const MESSAGES = Number(process.env.BENCH_ANALYTICS_MESSAGES || ORDERS * 5)
const RUNS = Number(process.env.BENCH_ANALYTICS_RUNS || 5)
const DAYS = 730
const TARGET_MS = 1000

type Rows = { rows: Record<string, unknown>[] }
type Knex = {
  raw: (sql: string, bindings?: readonly unknown[]) => Promise<Rows>
  transaction: <T>(fn: (trx: { raw: (sql: string, bindings: readonly (string | number)[]) => Promise<Rows> }) => Promise<T>) => Promise<T>
}

// knex spreads an array binding into a list of values; one array literal is one parameter.
// Only ids and table names of [a-z0-9_] pass through it.
const textArray = (values: string[]) => `{${values.join(",")}}`

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}

// An order's total from its number, always two decimals (what Medusa stores for EUR and USD):
// 20.00 to 219.99, thirty times that in TRY.
const TOTAL = (i: string) =>
  `(round((20 + (${i} * 37 % 20000) / 100.0) * case when ${i} % 10 = 9 then 30 else 1 end, 2))`
const CURRENCY = (i: string) => `(case when ${i} % 10 < 6 then 'eur' when ${i} % 10 < 9 then 'usd' else 'try' end)`
// Order i's created_at: in id order over the two years up to `now` (a store's table grows in
// time order), jittered by up to an hour.
const ORDER_AT = (i: string) =>
  `(?::timestamptz - interval '${DAYS} days' + (${i}::float8 / ?) * interval '${DAYS} days' - (${i} * 7919 % 3600) * interval '1 second')`

/**
 * Runs `load` with the tables' secondary indexes dropped and builds them again afterwards from
 * their own definitions (pg_indexes), which is several times faster than maintaining them row
 * by row. Primary keys and unique constraints stay.
 */
async function withIndexesLater(db: Knex, tables: string[], load: () => Promise<void>) {
  const { rows } = await db.raw(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any(?::text[])
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [textArray(tables)]
  )
  for (const r of rows) await db.raw(`drop index "${String(r.indexname)}"`)
  await load()
  for (const r of rows) await db.raw(String(r.indexdef))
}

async function seed(db: Knex, now: Date, log: (m: string) => void) {
  const at = now.toISOString()
  const customers = Math.max(100, Math.floor(ORDERS / 4))
  const members = Math.floor(customers * 0.4)
  const subscriptions = Math.max(50, Math.floor(ORDERS / 50))
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const { ms } = await time(fn)
    log(`seed ${label} ${(ms / 1000).toFixed(1)} s`)
  }

  await step("orders", () =>
    withIndexesLater(db, ["order", "order_summary"], async () => {
      // 3 % canceled, 0.5 % drafts; orders of the last 30 days still pending fulfilment.
      await db.raw(
        `insert into "order" (id, region_id, customer_id, version, sales_channel_id, status, is_draft_order, email,
           currency_code, no_notification, created_at, updated_at, canceled_at)
         select 'order_b' || i, 'reg_bench', 'cus_b' || (i * 7 % ?), 1, 'sc_bench',
           (case when i % 100 < 3 then 'canceled' when i % 200 = 3 then 'draft'
                 when t.at > ?::timestamptz - interval '30 days' then 'pending' else 'completed' end)::order_status_enum,
           i % 200 = 3, 'b' || (i * 7 % ?) || '@example.com', ${CURRENCY("i")}, false, t.at, t.at,
           case when i % 100 < 3 then t.at + interval '1 day' end
         from generate_series(1::bigint, ?) i cross join lateral (select ${ORDER_AT("i")} as at) t`,
        [customers, at, customers, ORDERS, at, ORDERS]
      )
      // The summary Medusa writes with every order version: each total and its raw value.
      await db.raw(
        `insert into order_summary (id, order_id, version, totals, created_at, updated_at)
         select 'ordsum_b' || i, 'order_b' || i, 1,
           jsonb_build_object('current_order_total', t.total, 'original_order_total', t.total, 'accounting_total', t.total,
             'transaction_total', t.total, 'paid_total', t.total, 'pending_difference', 0, 'refunded_total', 0, 'credit_line_total', 0,
             'raw_current_order_total', t.raw, 'raw_original_order_total', t.raw, 'raw_accounting_total', t.raw,
             'raw_transaction_total', t.raw, 'raw_paid_total', t.raw, 'raw_pending_difference', t.zero, 'raw_refunded_total', t.zero,
             'raw_credit_line_total', t.zero),
           t.at, t.at
         from generate_series(1::bigint, ?) i cross join lateral (select ${TOTAL("i")} as total, ${ORDER_AT("i")} as at) t0
         cross join lateral (select t0.*, jsonb_build_object('value', t0.total::text, 'precision', 20) as raw,
           jsonb_build_object('value', '0', 'precision', 20) as zero) t`,
        [ORDERS, at, ORDERS]
      )
    })
  )

  // The plugin's order facts as a store that ran it has them (the subscriber and the catch-up
  // write one per order, from the order and its current summary), and the catch-up's state.
  await step("order facts", () =>
    withIndexesLater(db, ["retention_order_fact"], async () => {
      await db.raw(
        `insert into retention_order_fact (id, order_id, customer_id, currency_code, total, raw_total, placed_at, status, is_draft_order,
           order_version, created_at, updated_at)
         select 'rof_b' || substr(o.id, 8), o.id, o.customer_id, o.currency_code, t.total,
           case when t.total is not null then jsonb_build_object('value', t.total::text, 'precision', 20) end,
           o.created_at, o.status::text, o.is_draft_order, o.version, o.created_at, o.created_at
         from "order" o left join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
         cross join lateral (select case when s.id is not null then ${ORDER_TOTAL} end as total) t
         where o.deleted_at is null`
      )
      await db.raw(
        `insert into retention_order_fact_sync (id, key, recent_synced_at, full_synced_at, created_at, updated_at)
         values ('rofs_bench', 'orders', ?, ?, ?, ?)`,
        [at, at, at, at]
      )
    })
  )

  // Tracked carts of the last 75 days. From the orders: 8 % recovered by an email, 2 % bought
  // by a holdout cart on its own. Then as many carts again that did not order: mostly expired
  // after the emails, some holdout, some still active or mid-sequence, a few opted out.
  await step("tracked carts", async () => {
    await db.raw(
      `insert into retention_tracked_cart (id, cart_id, email, customer_id, currency_code, value, raw_value, last_activity_at,
         status, current_step, campaign_id, holdout, attempts, abandoned_at, last_sent_at, order_id, ordered_at, order_total,
         raw_order_total, recovered_step, created_at, updated_at)
       select 'rtc_bo' || n, 'cart_bo' || n, o.email, o.customer_id, o.currency_code, t.total, jsonb_build_object('value', t.total::text, 'precision', 20),
         o.created_at - interval '26 hours', case when n % 100 < 8 then 'recovered' else 'converted' end, 1, 'rcamp_bench',
         n % 100 >= 8, case when n % 100 < 8 then 1 else 0 end, o.created_at - interval '25 hours',
         case when n % 100 < 8 then o.created_at - interval '20 hours' end, o.id, o.created_at, t.total,
         jsonb_build_object('value', t.total::text, 'precision', 20), case when n % 100 < 8 then 1 end, o.created_at - interval '26 hours', o.created_at
       from (select o.*, substr(o.id, 8)::bigint as n from "order" o where o.created_at > ?::timestamptz - interval '75 days') o
       cross join lateral (select ${TOTAL("n")} as total) t
       where n % 100 < 10`,
      [at]
    )
    const quiet = Math.floor(ORDERS / 10)
    await db.raw(
      `insert into retention_tracked_cart (id, cart_id, email, customer_id, currency_code, value, raw_value, last_activity_at,
         status, current_step, next_action_at, campaign_id, holdout, attempts, abandoned_at, last_sent_at, created_at, updated_at)
       select 'rtc_bq' || i, 'cart_bq' || i, 'q' || i || '@example.com', case when i % 3 > 0 then 'cus_b' || (i * 13 % ?) end,
         ${CURRENCY("i")}, ${TOTAL("i")}, jsonb_build_object('value', ${TOTAL("i")}::text, 'precision', 20), t.at, t.status,
         case when t.status in ('expired', 'emailed') and i % 10 >= 1 then 1 + i % 3 else 0 end,
         case when t.status in ('active', 'abandoned', 'emailed') then ?::timestamptz + (i % 720) * interval '1 minute' end,
         'rcamp_bench', i % 10 = 0, 0, case when t.status <> 'active' then t.at + interval '1 hour' end,
         case when t.status in ('expired', 'emailed', 'opted_out') and i % 10 > 0 then t.at + interval '2 hours' end, t.at, t.at
       from generate_series(1::bigint, ?) i
       cross join lateral (select ?::timestamptz - (i::float8 / ?) * interval '75 days' as at) a
       cross join lateral (select a.at,
         case when a.at > ?::timestamptz - interval '1 hour' then 'active'
              when a.at > ?::timestamptz - interval '3 days' then (case when i % 10 = 0 then 'abandoned' else 'emailed' end)
              when i % 50 = 7 then 'opted_out' else 'expired' end as status) t`,
      [customers, at, quiet, at, quiet, at, at]
    )
  })

  // The ledger: sign-up bonus per member, points earned on members' orders, a hold and a
  // redemption on 5 % of them, expiries.
  await step("loyalty", async () => {
    await db.raw(
      `insert into retention_loyalty_account (id, customer_id, available, pending, held, lifetime_earned, tier, created_at, updated_at)
       select 'rla_b' || k, 'cus_b' || k, 50 + k % 900, k % 7 * 10, 0, 200 + k % 3000, case when k % 10 = 0 then 'gold' end,
         ?::timestamptz - interval '${DAYS} days', ?::timestamptz
       from generate_series(0::bigint, ? - 1) k`,
      [at, at, members]
    )
    await db.raw(
      `insert into retention_loyalty_entry (id, account_id, customer_id, type, points, status, reference, reference_id, currency_code,
         available_at, expires_at, created_at, updated_at)
       select 'rle_bb' || k, 'rla_b' || k, 'cus_b' || k, 'bonus', 100, 'available', 'signup', 'cus_b' || k, null,
         t.at, t.at + interval '365 days', t.at, t.at
       from generate_series(0::bigint, ? - 1) k cross join lateral (select ?::timestamptz - (k * 104729 % ${DAYS * 86400}) * interval '1 second' as at) t`,
      [members, at]
    )
    const memberOrders = `from (select o.id, o.created_at, o.currency_code, o.customer_id, substr(o.id, 8)::bigint as n, substr(o.customer_id, 6)::bigint as k
         from "order" o where o.status <> 'draft' and substr(o.customer_id, 6)::bigint < ?) o`
    await db.raw(
      `insert into retention_loyalty_entry (id, account_id, customer_id, type, points, status, reference, reference_id, order_id, currency_code,
         available_at, expires_at, created_at, updated_at)
       select 'rle_be' || n, 'rla_b' || k, o.customer_id, 'earn', floor(${TOTAL("n")} / case when o.currency_code = 'try' then 30 else 1 end)::int,
         case when o.created_at > ?::timestamptz - interval '14 days' then 'pending' when n % 100 < 3 then 'void' else 'available' end,
         'order', o.id, o.id, o.currency_code, o.created_at + interval '14 days', o.created_at + interval '379 days', o.created_at, o.created_at
       ${memberOrders}`,
      [at, members]
    )
    for (const [prefix, type, points] of [["rle_bh", "hold", -200], ["rle_br", "redeem", -200]] as const) {
      await db.raw(
        `insert into retention_loyalty_entry (id, account_id, customer_id, type, points, status, reference, reference_id, order_id,
           created_at, updated_at)
         select '${prefix}' || n, 'rla_b' || k, o.customer_id, '${type}', ${points} + n % 5 * -50, 'available', 'order', o.id, o.id, o.created_at, o.created_at
         ${memberOrders} where n % 20 = 5 and n % 100 >= 3`,
        [members]
      )
    }
    await db.raw(
      `insert into retention_loyalty_entry (id, account_id, customer_id, type, points, status, reference, reference_id, created_at, updated_at)
       select 'rle_bx' || k, 'rla_b' || k, 'cus_b' || k, 'expire', -(10 + k % 90), 'available', 'expiry', 'cus_b' || k, t.at, t.at
       from generate_series(0::bigint, ? - 1) k cross join lateral (select ?::timestamptz - (k * 7919 % ${DAYS * 86400}) * interval '1 second' as at) t
       where k % 3 = 0`,
      [members, at]
    )
  })

  // The liability cache, as the loyalty module's migration fills it and every balance change
  // keeps it: each member's available points per currency of their credits.
  await step("loyalty liability cache", () =>
    db.raw(
      `insert into retention_loyalty_liability (id, customer_id, currency_code, credited, points, raw_points, created_at, updated_at)
       select 'rlliab_b' || row_number() over (), c.customer_id, c.currency_code, c.credited, t.points,
         jsonb_build_object('value', t.points::text, 'precision', 20), ?::timestamptz, ?::timestamptz
       from (select customer_id, coalesce(currency_code, 'none') as currency_code, sum(points) as credited,
               sum(points)::numeric / nullif(sum(sum(points)) over (partition by customer_id), 0) as share
             from retention_loyalty_entry where points > 0 and type in ('earn', 'bonus', 'adjust') and deleted_at is null
             group by customer_id, coalesce(currency_code, 'none')) c
       left join retention_loyalty_account a on a.customer_id = c.customer_id and a.deleted_at is null
       cross join lateral (select coalesce(a.available * c.share, 0) as points) t`,
      [at, at]
    )
  )

  // Subscriptions over the two years (a third canceled since), and the renewal runs that placed
  // 4 % of the orders, plus runs that failed or were skipped.
  await step("subscriptions", async () => {
    await db.raw(
      `insert into retention_subscription (id, customer_id, email, items, interval, period_at, next_run_at, status, region_id, currency_code,
         shipping_address, payment_provider_id, renewal_value, canceled_at, created_at, updated_at)
       select 'rsub_b' || s, 'cus_b' || (s * 11 % ?), 's' || s || '@example.com',
         jsonb_build_array(jsonb_build_object('variant_id', 'variant_b' || (s % 40), 'product_id', 'prod_b' || (s % 20), 'quantity', 1, 'title', 'Beans')),
         case s % 3 when 0 then '4w' when 1 then '2w' else '1m' end, ?::timestamptz + (s % 30) * interval '1 day', ?::timestamptz + (s % 30) * interval '1 day',
         t.status, 'reg_bench', ${CURRENCY("s")}, jsonb_build_object('country_code', 'de'), 'pp_system_default', 20 + s % 30,
         case when t.status = 'canceled' then t.created + (?::timestamptz - t.created) * ((s * 37 % 100) / 100.0) end, t.created, t.created
       from generate_series(0::bigint, ? - 1) s
       cross join lateral (select ?::timestamptz - (s * 104729 % ${DAYS * 86400}) * interval '1 second' as created,
         case when s % 20 < 11 then 'active' when s % 20 < 13 then 'paused' when s % 20 = 13 then 'payment_failed' else 'canceled' end as status) t`,
      [customers, at, at, at, subscriptions, at]
    )
    await db.raw(
      `insert into retention_subscription_run (id, subscription_id, key, period, scheduled_for, status, order_id, attempts, created_at, updated_at)
       select 'rsrun_b' || n, 'rsub_b' || (n % ?), 'rsub_b' || (n % ?) || ':' || n, to_char(o.created_at, 'YYYY-MM-DD'), o.created_at,
         'ordered', o.id, 1, o.created_at, o.created_at
       from (select o.id, o.created_at, substr(o.id, 8)::bigint as n from "order" o) o where n % 100 between 50 and 53`,
      [subscriptions, subscriptions]
    )
    await db.raw(
      `insert into retention_subscription_run (id, subscription_id, key, period, scheduled_for, status, attempts, error, created_at, updated_at)
       select 'rsrun_bf' || r, 'rsub_b' || (r % ?), 'rsub_b' || (r % ?) || ':f' || r, to_char(t.at, 'YYYY-MM-DD'), t.at,
         case when r % 2 = 0 then 'failed' else 'skipped' end, 3, case when r % 2 = 0 then 'card_declined' end, t.at, t.at
       from generate_series(1::bigint, ?) r cross join lateral (select ?::timestamptz - (r * 7919 % ${DAYS * 86400}) * interval '1 second' as at) t`,
      [subscriptions, subscriptions, Math.floor(ORDERS / 200), at]
    )
  })

  // Messages in time order over the two years with what the provider reported: a subject and
  // template data inline, bodies left out (they live out of line in TOAST, are dropped 30 days
  // after sending by default, and no figure reads them). Per message that went out, one event
  // of its furthest state (the real webhook sends two to four); complaints on 0.08 % and
  // unsubscribes on 0.3 %.
  await step("messages", () =>
    withIndexesLater(db, ["retention_message", "retention_message_event"], async () => {
      const state = (j: string) =>
        `(case when ${j} % 1000 < 20 then 'bounced' when ${j} % 1000 < 60 then 'sent' when ${j} % 1000 < 560 then 'delivered'
               when ${j} % 1000 < 810 then 'opened' when ${j} % 1000 < 890 then 'clicked' when ${j} % 1000 < 920 then 'failed'
               when ${j} % 1000 < 960 then 'suppressed' else 'delivered' end)`
      await db.raw(
        `insert into retention_message (id, idempotency_key, topic, category, template, locale, to_email, customer_id, campaign_id, status,
           subject, data, provider_id, provider_message_id, attempts, sent_at, delivered_at, opened_at, clicked_at, dispatch, created_at, updated_at)
         select 'rmsg_b' || j, 'bench:' || j, t.topic, case when t.topic = 'system' then 'transactional' else 'marketing' end,
           replace(t.topic, '_', '-'), case when j % 5 = 0 then 'tr' else 'en' end, 'b' || (j * 7 % ?) || '@example.com', 'cus_b' || (j * 7 % ?),
           case when t.topic = 'cart_recovery' then 'rcamp_bench' end, t.status, 'You left something in your cart, ' || j,
           jsonb_build_object('first_name', 'Customer', 'cart_total', '42.00', 'currency_code', 'eur', 'items', jsonb_build_array(jsonb_build_object('title', 'Ethiopia Yirgacheffe', 'quantity', 1))),
           case when t.status in ('failed', 'suppressed') then null else 'retention-sendgrid' end,
           case when t.status in ('failed', 'suppressed') then null else 'sg' || j end, 1,
           case when t.status not in ('failed', 'suppressed') then t.at + interval '2 seconds' end,
           case when t.status in ('delivered', 'opened', 'clicked') then t.at + interval '10 seconds' end,
           case when t.status in ('opened', 'clicked') then t.at + interval '3 hours' end,
           case when t.status = 'clicked' then t.at + interval '3 hours 1 minute' end,
           'direct', t.at, t.at
         from generate_series(1::bigint, ?) j
         cross join lateral (select ?::timestamptz - interval '${DAYS} days' + (j::float8 / ?) * interval '${DAYS} days' as at,
           (array['cart_recovery', 'cart_recovery', 'loyalty', 'nps', 'replenishment'])[1 + j % 5] as topic, ${state("j")} as status) t`,
        [customers, customers, MESSAGES, at, MESSAGES]
      )
      await db.raw(
        `insert into retention_message_event (id, message_id, type, sg_event_id, occurred_at, created_at, updated_at)
         select 'rmev_b' || e.j || e.type, 'rmsg_b' || e.j, e.type, 'sge_' || e.j || e.type, e.at, e.at, e.at
         from (
           select j, t.at + interval '3 hours' as at,
             case t.status when 'bounced' then 'bounce' when 'sent' then 'processed' when 'delivered' then 'delivered'
               when 'opened' then 'open' else 'click' end as type
           from generate_series(1::bigint, ?) j
           cross join lateral (select ?::timestamptz - interval '${DAYS} days' + (j::float8 / ?) * interval '${DAYS} days' as at, ${state("j")} as status) t
           where t.status not in ('failed', 'suppressed')
           union all
           select j, ?::timestamptz - interval '${DAYS} days' + (j::float8 / ?) * interval '${DAYS} days' + interval '1 day',
             case when j % 1250 = 7 then 'spamreport' when j % 2 = 0 then 'unsubscribe' else 'group_unsubscribe' end
           from generate_series(1::bigint, ?) j
           where (j % 1250 = 7 or j % 333 = 5) and ${state("j")} in ('delivered', 'opened', 'clicked')
         ) e`,
        [MESSAGES, at, MESSAGES, at, MESSAGES, MESSAGES]
      )
    })
  )

  // NPS: a survey ten days after 40 % of the completed orders, a quarter answered (90 % of the
  // answers confirmed).
  await step("nps", async () => {
    await db.raw(
      `insert into retention_nps_survey (id, order_id, customer_id, email, locale, fulfillment_id, delivered_at, status, due_at, sent_at, message_id, created_at, updated_at)
       select 'npss_b' || n, o.id, o.customer_id, o.email, 'en', 'ful_b' || n, o.created_at + interval '3 days',
         case when n % 20 < 2 then 'scheduled' when n % 4 = 1 then 'responded' else 'sent' end,
         o.created_at + interval '10 days', case when n % 20 >= 2 then o.created_at + interval '10 days' end, null, o.created_at + interval '3 days', o.created_at + interval '10 days'
       from (select o.*, substr(o.id, 8)::bigint as n from "order" o
             where o.status = 'completed' and o.created_at < ?::timestamptz - interval '10 days') o
       where n % 5 < 2`,
      [at]
    )
    await db.raw(
      `insert into retention_nps_response (id, survey_id, order_id, customer_id, email, score, category, status, first_clicked_at, last_clicked_at, confirmed_at, created_at, updated_at)
       select 'npsr_b' || n, s.id, s.order_id, s.customer_id, s.email, t.score,
         case when t.score >= 9 then 'promoter' when t.score >= 7 then 'passive' else 'detractor' end,
         case when n % 10 = 0 then 'tentative' else 'confirmed' end, t.at, t.at, case when n % 10 <> 0 then t.at + interval '30 minutes' end, t.at, t.at
       from (select s.*, substr(s.id, 7)::bigint as n from retention_nps_survey s where s.status = 'responded') s
       cross join lateral (select (n * 7919) % 11 as score, s.sent_at + interval '1 day' as at) t`
    )
  })

  await db.raw(
    `insert into retention_send_pause (id, scope, reason, complaint_rate, sample_size, resumed_at, created_at, updated_at)
     select 'rsp_b' || p, case when p = 0 then 'topic:cart_recovery' else 'campaign:rcamp_old' || p end, 'complaints', 4, 500,
       case when p > 0 then ?::timestamptz - p * interval '20 days' end, ?::timestamptz - p * interval '25 days', ?::timestamptz
     from generate_series(0, 5) p`,
    [at, at, at]
  )

  await step("vacuum analyze", async () => {
    for (const table of [
      "order", "order_summary", "retention_order_fact", "retention_tracked_cart", "retention_loyalty_account", "retention_loyalty_entry",
      "retention_loyalty_liability",
      "retention_subscription", "retention_subscription_run", "retention_message", "retention_message_event",
      "retention_nps_survey", "retention_nps_response", "retention_send_pause",
    ]) {
      await db.raw(`vacuum analyze "${table}"`)
    }
    // Flush the load's dirty pages now rather than during the timings (needs a superuser or
    // pg_checkpoint; harmless to skip).
    await db.raw(`checkpoint`).catch(() => undefined)
  })
}

const n = (v: unknown) => Number(v ?? 0)
const cents = (v: unknown) => Math.round(n(v) * 100)
const moneyOf = (c: number) => Math.round(c) / 100
const inRange = (value: unknown, range: Range) => {
  if (value === null || value === undefined) return false
  const t = new Date(value as string).getTime()
  return t >= range.from.getTime() && t < range.to.getTime()
}
const WENT_OUT = new Set(["sent", "delivered", "opened", "clicked", "bounced"])

/**
 * The baseline: one period's figures from its rows loaded as they are (each by its range on the
 * timestamp that defines it) and counted in JavaScript, by the Overview's definitions.
 */
async function periodInJavaScript(
  db: Knex,
  range: Range,
  source: "facts" | "orders" = "facts",
  timeZone?: string
): Promise<{ figures: PeriodFigures; series?: RevenueSeries }> {
  const b = [range.from.toISOString(), range.to.toISOString()]
  const real = new Map<string, { currency: string; total: number; at: Date }>()
  if (source === "facts") {
    // The rows the SQL reads, from the same index: the plugin's order facts of the range.
    const { rows: facts } = await db.raw(
      `select order_id, currency_code, status, is_draft_order, deleted_at, total::text as total, placed_at from retention_order_fact
       where placed_at >= ?::timestamptz and placed_at < ?::timestamptz`,
      b
    )
    for (const o of facts) {
      if (o.deleted_at || o.is_draft_order || o.status === "canceled" || o.status === "draft" || o.total === null) continue
      real.set(String(o.order_id), { currency: String(o.currency_code), total: cents(o.total), at: new Date(o.placed_at as string) })
    }
  } else {
    // Medusa's own order tables (no index on created_at: a scan), for the check that the facts
    // give the figures the orders give.
    const { rows: orders } = await db.raw(
      `select o.id, o.currency_code, o.status::text as status, o.is_draft_order, o.deleted_at, o.created_at, s.totals
       from "order" o join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
       where o.created_at >= ?::timestamptz and o.created_at < ?::timestamptz`,
      b
    )
    for (const o of orders) {
      if (o.deleted_at || o.is_draft_order || o.status === "canceled" || o.status === "draft") continue
      const totals = o.totals as Record<string, { value?: string } | number | undefined>
      const raw = totals?.raw_current_order_total as { value?: string } | undefined
      const total = raw?.value ?? (totals?.current_order_total as number | undefined) ?? 0
      real.set(String(o.id), { currency: String(o.currency_code), total: cents(total), at: new Date(o.created_at as string) })
    }
  }
  const orders = [...real.keys()].map((id) => ({ id }))

  const { rows: carts } = await db.raw(
    `select status, order_id, ordered_at, abandoned_at, holdout, last_sent_at, currency_code, order_total, deleted_at
     from retention_tracked_cart
     where (ordered_at >= ?::timestamptz and ordered_at < ?::timestamptz) or (abandoned_at >= ?::timestamptz and abandoned_at < ?::timestamptz)`,
    [...b, ...b]
  )
  const { rows: entries } = await db.raw(
    `select type, points, status, customer_id, order_id, created_at, deleted_at from retention_loyalty_entry
     where created_at >= ?::timestamptz - interval '1 day' and created_at < ?::timestamptz + interval '1 day'`,
    b
  )
  const { rows: runs } = await db.raw(`select order_id, status, deleted_at from retention_subscription_run where order_id = any(?::text[])`, [
    textArray(orders.map((o) => String(o.id))),
  ])

  const programs = new Map<string, Set<string>>()
  const tag = (orderId: unknown, program: string) => {
    if (!orderId) return
    const set = programs.get(String(orderId)) ?? new Set<string>()
    set.add(program)
    programs.set(String(orderId), set)
  }
  for (const c of carts) if (c.status === "recovered" && c.order_id && !c.deleted_at && inRange(c.ordered_at, range)) tag(c.order_id, "recovered")
  for (const e of entries) if (e.type === "redeem" && e.order_id && !e.deleted_at) tag(e.order_id, "loyalty")
  for (const r of runs) if (r.status === "ordered" && !r.deleted_at) tag(r.order_id, "renewal")

  type Sums = Record<string, number>
  const perCurrency = new Map<string, { store?: Sums; attributed?: Sums; holdout?: Sums }>()
  const bucket = (currency: string, part: "store" | "attributed" | "holdout") => {
    const entry = perCurrency.get(currency) ?? {}
    perCurrency.set(currency, entry)
    return (entry[part] ??= {})
  }
  const add = (sums: Sums, key: string, value: number) => (sums[key] = (sums[key] ?? 0) + value)
  for (const [, o] of real) {
    const s = bucket(o.currency, "store")
    add(s, "orders", 1)
    add(s, "revenue", o.total)
  }
  for (const [orderId, tags] of programs) {
    const o = real.get(orderId)
    if (!o) continue
    const a = bucket(o.currency, "attributed")
    for (const program of ["recovered", "loyalty", "renewal"]) {
      add(a, `${program}_orders`, tags.has(program) ? 1 : 0)
      add(a, `${program}_revenue`, tags.has(program) ? o.total : 0)
    }
    add(a, "orders", 1)
    add(a, "revenue", o.total)
  }
  for (const c of carts) {
    if (c.deleted_at || !inRange(c.abandoned_at, range)) continue
    const h = bucket(String(c.currency_code), "holdout")
    add(h, "rows", 1)
    if (!c.holdout && c.last_sent_at) add(h, "emailed_carts", 1)
    if (!c.holdout && c.status === "recovered") add(h, "emailed_revenue", cents(c.order_total))
    if (c.holdout) add(h, "holdout_carts", 1)
    if (c.holdout && c.order_id && new Date(c.ordered_at as string) >= new Date(c.abandoned_at as string)) {
      add(h, "holdout_orders", 1)
      add(h, "holdout_revenue", cents(c.order_total))
    }
  }
  const revenue = [...perCurrency.keys()].sort().map((currency) => {
    const { store = {}, attributed = {}, holdout = {} } = perCurrency.get(currency)!
    const storeRevenue = moneyOf(store.revenue ?? 0)
    const attributedRevenue = moneyOf(attributed.revenue ?? 0)
    return {
      currency_code: currency,
      store_orders: store.orders ?? 0,
      store_revenue: storeRevenue,
      recovered_orders: attributed.recovered_orders ?? 0,
      recovered_revenue: moneyOf(attributed.recovered_revenue ?? 0),
      loyalty_orders: attributed.loyalty_orders ?? 0,
      loyalty_revenue: moneyOf(attributed.loyalty_revenue ?? 0),
      renewal_orders: attributed.renewal_orders ?? 0,
      renewal_revenue: moneyOf(attributed.renewal_revenue ?? 0),
      attributed_orders: attributed.orders ?? 0,
      attributed_revenue: attributedRevenue,
      attributed_share: rate(attributedRevenue, storeRevenue),
      emailed_carts: holdout.emailed_carts ?? 0,
      holdout_carts: holdout.holdout_carts ?? 0,
      holdout_orders: holdout.holdout_orders ?? 0,
      incremental_revenue: incrementalRevenue({
        emailedCarts: holdout.emailed_carts ?? 0,
        emailedRevenue: (holdout.emailed_revenue ?? 0) / 100,
        holdoutCarts: holdout.holdout_carts ?? 0,
        holdoutRevenue: (holdout.holdout_revenue ?? 0) / 100,
      }),
    }
  })

  // The revenue series: each order in its store day (or that day's ISO week), summed per bucket.
  let series: RevenueSeries | undefined
  if (timeZone) {
    const unit = seriesBucket(range)
    const sums = new Map<string, Map<string, Record<string, number>>>()
    for (const [orderId, o] of real) {
      const start = bucketOf(dayIn(o.at, timeZone), unit)
      const perBucket = sums.get(o.currency) ?? new Map<string, Record<string, number>>()
      sums.set(o.currency, perBucket)
      const s = perBucket.get(start) ?? {}
      perBucket.set(start, s)
      const tags = programs.get(orderId) ?? new Set<string>()
      add(s, "orders", 1)
      add(s, "revenue", o.total)
      for (const program of ["recovered", "loyalty", "renewal"]) if (tags.has(program)) add(s, program, o.total)
      if (tags.size) add(s, "attributed", o.total)
      const first = ["recovered", "renewal", "loyalty"].find((p) => tags.has(p))
      if (first) add(s, `stack_${first}`, o.total)
    }
    const starts = bucketStarts(range, timeZone, unit)
    series = {
      bucket: unit,
      currencies: [...sums.keys()].sort().map((currency) => ({
        currency_code: currency,
        buckets: starts.map((start) => {
          const s = sums.get(currency)!.get(start) ?? {}
          return {
            start,
            store_orders: s.orders ?? 0,
            store_revenue: moneyOf(s.revenue ?? 0),
            recovered_revenue: moneyOf(s.recovered ?? 0),
            loyalty_revenue: moneyOf(s.loyalty ?? 0),
            renewal_revenue: moneyOf(s.renewal ?? 0),
            attributed_revenue: moneyOf(s.attributed ?? 0),
            stack: { recovered: moneyOf(s.stack_recovered ?? 0), renewal: moneyOf(s.stack_renewal ?? 0), loyalty: moneyOf(s.stack_loyalty ?? 0) },
          }
        }),
      })),
    }
  }

  const { rows: messages } = await db.raw(
    `select id, status, delivered_at, opened_at, clicked_at, deleted_at from retention_message
     where created_at >= ?::timestamptz and created_at < ?::timestamptz`,
    b
  )
  const out = messages.filter((m) => WENT_OUT.has(String(m.status)) && !m.deleted_at)
  const { rows: events } = await db.raw(`select message_id, type, deleted_at from retention_message_event where message_id = any(?::text[])`, [
    textArray(out.map((m) => String(m.id))),
  ])
  const complained = new Set<string>()
  const unsubscribed = new Set<string>()
  for (const e of events) {
    if (e.deleted_at) continue
    if (e.type === "spamreport") complained.add(String(e.message_id))
    if (e.type === "unsubscribe" || e.type === "group_unsubscribe") unsubscribed.add(String(e.message_id))
  }
  const count = (test: (m: Record<string, unknown>) => boolean) => out.filter(test).length
  const sent = out.length
  const counts = {
    delivered: count((m) => !!m.delivered_at || ["delivered", "opened", "clicked"].includes(String(m.status))),
    opened: count((m) => !!m.opened_at || !!m.clicked_at || ["opened", "clicked"].includes(String(m.status))),
    clicked: count((m) => !!m.clicked_at || m.status === "clicked"),
    bounced: count((m) => m.status === "bounced"),
    complaints: count((m) => complained.has(String(m.id))),
    unsubscribes: count((m) => unsubscribed.has(String(m.id))),
  }

  const ledger = entries.filter((e) => !e.deleted_at && inRange(e.created_at, range) && ["earn", "bonus", "redeem", "expire"].includes(String(e.type)))
  const sumPoints = (test: (e: Record<string, unknown>) => boolean) => ledger.filter(test).reduce((s, e) => s + n(e.points), 0)
  const loyalty = {
    issued: sumPoints((e) => (e.type === "earn" || e.type === "bonus") && e.status !== "void"),
    redeemed: -sumPoints((e) => e.type === "redeem"),
    expired: -sumPoints((e) => e.type === "expire"),
    active_members: new Set(ledger.filter((e) => e.type !== "expire" && e.status !== "void").map((e) => String(e.customer_id))).size,
  }

  const { rows: subs } = await db.raw(
    `select created_at, canceled_at, status, deleted_at from retention_subscription
     where (created_at >= ?::timestamptz and created_at < ?::timestamptz) or (canceled_at >= ?::timestamptz and canceled_at < ?::timestamptz)`,
    [...b, ...b]
  )
  const liveSubs = subs.filter((s) => !s.deleted_at)

  const { rows: responses } = await db.raw(
    `select score, status, deleted_at from retention_nps_response where confirmed_at >= ?::timestamptz and confirmed_at < ?::timestamptz`,
    b
  )
  const confirmed = responses.filter((r) => r.status === "confirmed" && !r.deleted_at).map((r) => n(r.score))
  const { rows: surveys } = await db.raw(
    `select id, status, deleted_at from retention_nps_survey where sent_at >= ?::timestamptz and sent_at < ?::timestamptz`,
    b
  )
  const sentSurveys = surveys.filter((s) => (s.status === "sent" || s.status === "responded") && !s.deleted_at)
  const { rows: answers } = await db.raw(`select survey_id, status, deleted_at from retention_nps_response where survey_id = any(?::text[])`, [
    textArray(sentSurveys.map((s) => String(s.id))),
  ])
  const answered = new Set(answers.filter((a) => a.status === "confirmed" && !a.deleted_at).map((a) => String(a.survey_id)))
  const promoters = confirmed.filter((s) => s >= 9).length
  const passives = confirmed.filter((s) => s >= 7 && s <= 8).length
  const detractors = confirmed.filter((s) => s <= 6).length

  const figures: PeriodFigures = {
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
    loyalty,
    subscriptions: {
      started: liveSubs.filter((s) => inRange(s.created_at, range)).length,
      canceled: liveSubs.filter((s) => s.status === "canceled" && inRange(s.canceled_at, range)).length,
    },
    nps: {
      score: computeNps({ promoters, passives, detractors }),
      responses: promoters + passives + detractors,
      promoters,
      passives,
      detractors,
      surveys_sent: sentSurveys.length,
      surveys_answered: answered.size,
      response_rate: rate(answered.size, sentSurveys.length),
    },
  }
  return { figures, series }
}

/** The first path at which two JSON values differ, or null when they are equal. */
function difference(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`
  }
  if (a && typeof a === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b as object)])].sort()
    for (const k of keys) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)
      if (d) return d
    }
    return null
  }
  // -0 and 0 are the same figure.
  return a === b || (a === 0 && b === 0) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`
}

export default async function analyticsBench({ container }: ExecArgs) {
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const deps: OverviewDependencies = {
    pg: db,
    loyalty: container.resolve(RETENTION_LOYALTY_MODULE),
    replenishment: container.resolve(RETENTION_REPLENISHMENT_MODULE),
  }
  const log = (m: string) => console.log(`analytics: ${m}`)
  const now = new Date()
  const seeded = await time(() => seed(db, now, log))
  const { rows: sizes } = await db.raw(
    `select relname, n_live_tup::bigint as n, pg_total_relation_size(relid) as bytes from pg_stat_user_tables
     where relname in ('order', 'order_summary', 'retention_order_fact', 'retention_message', 'retention_message_event', 'retention_tracked_cart',
       'retention_loyalty_entry', 'retention_subscription', 'retention_subscription_run', 'retention_nps_survey', 'retention_nps_response')
     order by n_live_tup desc`
  )
  log(
    `seeded in ${(seeded.ms / 1000).toFixed(0)} s: ` +
      sizes.map((r) => `${r.relname} ${n(r.n).toLocaleString("en-US")} (${(n(r.bytes) / 2 ** 20).toFixed(0)} MB)`).join(", ")
  )

  // The route's default: the last 30 days up to now, against the 30 days before.
  const periods = resolveZonedPeriods({ timeZone: "UTC", now })
  if ("error" in periods) throw new Error(periods.error)
  const { current, previous } = periods
  const sqlRuns: number[] = []
  const jsRuns: number[] = []
  const periodRuns: number[] = []
  const nowRuns: number[] = []
  let sql: Awaited<ReturnType<typeof loadOverview>> | undefined
  let js: { current: PeriodFigures; previous: PeriodFigures; series?: RevenueSeries } | undefined
  for (let r = -1; r < RUNS; r++) {
    const a = await time(() => loadOverview(deps, { current, previous, now, timeZone: "UTC" }))
    sql = a.result
    const b = await time(async () => {
      const c = await periodInJavaScript(db, current, "facts", "UTC")
      return { current: c.figures, previous: (await periodInJavaScript(db, previous)).figures, series: c.series }
    })
    js = b.result
    // The figures of now, the part of the route that is no range's rows, timed on its own.
    const c = await time(() => loadNowFigures(deps, now))
    if (r >= 0) {
      sqlRuns.push(a.ms)
      jsRuns.push(b.ms + c.ms)
      periodRuns.push(b.ms)
      nowRuns.push(c.ms)
    }
  }
  const mismatch = difference({ current: sql!.current, previous: sql!.previous, series: sql!.series }, js)
  if (mismatch) throw new Error(`the Overview in SQL and in JavaScript disagree at ${mismatch}`)
  // The facts give the figures Medusa's own order tables give (checked once, not timed).
  const fromOrders = {
    current: (await periodInJavaScript(db, current, "orders")).figures,
    previous: (await periodInJavaScript(db, previous, "orders")).figures,
    series: (await periodInJavaScript(db, current, "orders", "UTC")).series,
  }
  const factMismatch = difference(js, fromOrders)
  if (factMismatch) throw new Error(`the order facts and the order tables disagree at ${factMismatch}`)
  const liability = (await deps.loyalty.programSummary()).by_currency.map((c) => `${c.currency_code}:${c.points}`).sort().join(" ")
  const ledgerLiability = (await deps.loyalty.deriveLiability()).map((c) => `${c.currency_code}:${c.points}`).sort().join(" ")
  if (liability !== ledgerLiability) throw new Error(`the liability cache (${liability}) and the ledger (${ledgerLiability}) disagree`)

  const value = median(sqlRuns)
  const baseline = median(jsRuns)
  const eur = sql!.current.revenue.find((r) => r.currency_code === "eur")
  log(
    `${ORDERS.toLocaleString("en-US")} orders, ${MESSAGES.toLocaleString("en-US")} messages: Overview (30 days + previous 30) ${value.toFixed(0)} ms; ` +
      `load + JavaScript ${median(periodRuns).toFixed(0)} ms + figures of now ${median(nowRuns).toFixed(0)} ms = ${baseline.toFixed(0)} ms; ` +
      `same figures (EUR: ${eur?.store_orders} orders, ${eur?.attributed_orders} attributed; ${sql!.current.email.sent} emails sent); ` +
      `target < ${TARGET_MS} ms: ${value < TARGET_MS ? "met" : "NOT met"}`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "analytics", value, unit: "ms", baseline })}`)
}
