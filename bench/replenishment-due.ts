// `replenishment-due` benchmark, run by scripts/bench.js through `medusa exec` against a freshly
// migrated database (so `retention_subscription` and its indexes are the module's real migration).
//
// value:    ms for the renewal tick to find its work, as the job (src/jobs/renew-due-subscriptions.ts)
//           does it: take the scheduler's lease and read the due subscriptions in one statement
//           (service.startTick, whose read is DUE_SUBSCRIPTIONS_SQL: a range scan of the partial
//           index IDX_retention_subscription_due on next_run_at where status = 'active'), then give
//           the lease back (service.endTick). 1,000,000 subscriptions of which 1,000 are due; the
//           tick is asked for all 1,000 (the job's default batch is 100, which is cheaper still).
//           Median of RUNS, after a warm-up. The due read alone (the same statement) is timed too.
// baseline: the naive scan: the same statement on the same rows when the table has no index for
//           the question (IDX_retention_subscription_due dropped inside a transaction that is rolled
//           back, so the planner is left with a scan of every subscription and a sort). Same run,
//           same database, same 1,000 due rows.
// Also printed: all of it at 10k and 100k subscriptions, the ratio at each size, and whether the
// due read stays flat from 10k to 1M. Target: the tick at least 50x faster than the scan at 1M,
// and flat. Like the other benchmarks it reports and does not fail on a missed target.
// For information only, the tick's two other reads (dueResumptions, dueReminders) are timed at
// each size too, with the job's batch size and reminder days.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../src/modules/replenishment"
import type ReplenishmentModuleService from "../src/modules/replenishment/service"
import { DUE_SUBSCRIPTIONS_SQL } from "../src/modules/replenishment/service"

const TOTAL = Number(process.env.BENCH_SUBSCRIPTION_TOTAL || 1_000_000)
const SIZES = [...new Set([10_000, 100_000, TOTAL].filter((n) => n <= TOTAL))]
const DUE = 1000
const RUNS = 21
const OTHER_RUNS = 5
const TARGET = 50
// "Flat": the due read at the largest size takes at most this many times as long as at 10k.
const FLAT_FACTOR = 2

type Raw = (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>
type Knex = { raw: Raw; transaction: <T>(fn: (trx: { raw: Raw }) => Promise<T>) => Promise<T> }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - started) / 1e6
}

class Rollback extends Error {}

export default async function replenishmentDueBench({ container }: ExecArgs) {
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)

  // Subscriptions [from, to). The first DUE are active and due an hour ago. The rest look like a
  // store's book of subscriptions: most active with their next run spread over the next three
  // months, and the paused, canceled and payment-failed ones whose next_run_at lies in the past
  // (pausing or canceling does not move it), which the tick must not pick up.
  const addSubscriptions = async (from: number, to: number) => {
    await db.raw(
      `insert into retention_subscription (id, customer_id, email, items, interval, period_at, next_run_at, status, paused_until,
         region_id, currency_code, sales_channel_id, shipping_address, shipping_option_id, payment_provider_id, discount_percent,
         renewal_value, canceled_at, renewal_count, created_at, updated_at)
       select 'rsub_b' || i, 'cus_b' || (i % 200000), 'bench' || i || '@example.com',
         jsonb_build_array(jsonb_build_object('variant_id', 'variant_b' || (i % 40), 'product_id', 'prod_b' || (i % 20),
           'quantity', 1 + i % 3, 'title', 'Ethiopia Yirgacheffe', 'variant_title', '250 g')),
         case i % 3 when 0 then '4w' when 1 then '2w' else '1m' end,
         t.at, t.at, t.status,
         case when t.status = 'paused' and i % 2 = 0 then now() + interval '20 days' end,
         'reg_bench', 'eur', 'sc_bench',
         jsonb_build_object('first_name', 'Bench', 'last_name', 'Customer ' || i, 'address_1', i || ' Bench Street',
           'city', 'Istanbul', 'postal_code', '34000', 'country_code', 'tr'),
         'so_bench', 'pp_system_default', 10, 24.3,
         case when t.status = 'canceled' then now() - interval '30 days' end,
         i % 12, now() - interval '200 days', now() - interval '1 day'
       from generate_series(?::int, ?::int - 1) as i
       cross join lateral (
         select
           case when i < ? then 'active'
                when i % 10 < 6 then 'active'
                when i % 10 = 6 then 'paused'
                when i % 10 in (7, 8) then 'canceled'
                else 'payment_failed' end as status,
           case when i < ? then now() - interval '1 hour'
                when i % 10 < 6 then now() + (1 + i % 90) * interval '1 day' + (i % 1440) * interval '1 minute'
                else now() - (1 + i % 300) * interval '1 day' end as at
       ) t`,
      [from, to, DUE, DUE]
    )
    await db.raw(`vacuum analyze retention_subscription`)
    // Flush the bulk load's dirty pages now, so the timings below do not share the disk with a
    // checkpoint (needs a superuser or pg_checkpoint; harmless to skip).
    await db.raw(`checkpoint`).catch(() => undefined)
  }

  const now = () => new Date()
  const readDue = async (raw: Raw) => (await raw(DUE_SUBSCRIPTIONS_SQL, [now().toISOString(), DUE])).rows.length

  const planOf = async (raw: Raw) => {
    const { rows } = await raw(`explain ${DUE_SUBSCRIPTIONS_SQL}`, [now().toISOString(), DUE])
    const lines = rows.map((r) => String(r["QUERY PLAN"]))
    const scan = lines.find((l) => /Scan/.test(l)) ?? lines[0] ?? ""
    return scan.replace(/^[\s->]+/, "").replace(/\s+\(cost=.*$/, "")
  }

  /**
   * The tick as the job runs it (lease + due read + release, through the service), and the due
   * read alone (the same statement, straight through the connection), alternated so both see the
   * same load on the machine. Three warm-up rounds first: pool, entity manager, index pages.
   */
  const tick = async () => {
    const raw: Raw = db.raw.bind(db)
    const reads: number[] = []
    const claims: number[] = []
    for (let r = -3; r < RUNS; r++) {
      let read = 0
      const readMs = await time(async () => (read = await readDue(raw)))
      if (read !== DUE) throw new Error(`due read found ${read} subscriptions, expected ${DUE}`)
      let claimed = 0
      const claimMs = await time(async () => {
        const holder = `bench-${r}`
        const ids = await service.startTick({ name: "bench-replenishment-tick", holder, leaseSeconds: 900, now: now(), limit: DUE })
        if (!ids) throw new Error("lease not free")
        claimed = ids.length
        await service.endTick({ name: "bench-replenishment-tick", holder })
      })
      if (claimed !== DUE) throw new Error(`tick found ${claimed} subscriptions, expected ${DUE}`)
      if (r >= 0) {
        reads.push(readMs)
        claims.push(claimMs)
      }
    }
    return { read: median(reads), claim: median(claims), plan: await planOf(raw), ...(await otherReads()) }
  }

  /**
   * For information: the tick's two other reads, as the job calls them (its batch size and
   * reminder days): paused subscriptions whose pause has ended, and reminders due.
   */
  const otherReads = async () => {
    const { batchSize, reminderDays } = service.options.replenishment
    const resumptions: number[] = []
    const reminders: number[] = []
    for (let r = -1; r < OTHER_RUNS; r++) {
      const a = await time(() => service.dueResumptions({ now: now(), limit: batchSize }))
      const b = await time(() => service.dueReminders({ now: now(), days: reminderDays, limit: batchSize }))
      if (r >= 0) {
        resumptions.push(a)
        reminders.push(b)
      }
    }
    return { resumptions: median(resumptions), reminders: median(reminders) }
  }

  /** The same statement with the due index gone (dropped in a transaction that is rolled back). */
  const naive = async () => {
    let result: { ms: number; plan: string } | undefined
    await db
      .transaction(async (trx) => {
        const raw: Raw = trx.raw.bind(trx)
        await raw(`drop index "IDX_retention_subscription_due"`)
        const plan = await planOf(raw)
        await readDue(raw)
        const runs: number[] = []
        for (let r = 0; r < RUNS; r++) {
          let found = 0
          runs.push(await time(async () => (found = await readDue(raw))))
          if (found !== DUE) throw new Error(`naive scan found ${found} subscriptions, expected ${DUE}`)
        }
        result = { ms: median(runs), plan }
        throw new Rollback()
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e
      })
    const [index] = (await db.raw(`select 1 from pg_indexes where indexname = 'IDX_retention_subscription_due'`)).rows
    if (!index) throw new Error("the due index did not survive the naive run")
    return result!
  }

  const results: Record<
    number,
    { read: number; claim: number; plan: string; naive: number; naivePlan: string; resumptions: number; reminders: number }
  > = {}
  let have = 0
  for (const size of SIZES) {
    await addSubscriptions(have, size)
    have = size
    const t = await tick()
    const n = await naive()
    results[size] = { ...t, naive: n.ms, naivePlan: n.plan }
  }

  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2))
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n))
  const largest = results[TOTAL]
  const smallest = results[SIZES[0]]
  const value = largest.claim
  const baseline = largest.naive
  const speedup = baseline / value
  // Flat is judged on the due query itself: the tick adds two small commits (lease taken, lease
  // given back) whose cost is the disk's, not the table's, and varies with the machine's load.
  const readGrowth = largest.read / smallest.read
  const tickGrowth = largest.claim / smallest.claim
  const flat = readGrowth <= FLAT_FACTOR
  for (const size of SIZES) {
    const r = results[size]
    console.log(
      `replenishment-due: ${label(size)} subscriptions: tick ${fmt(r.claim)} ms, due read ${fmt(r.read)} ms (${r.plan}); ` +
        `naive scan ${fmt(r.naive)} ms (${r.naivePlan}); tick ${(r.naive / r.claim).toFixed(1)}x, read ${(r.naive / r.read).toFixed(1)}x faster`
    )
  }
  console.log(
    `replenishment-due: tick (lease + due read + release) ${fmt(value)} ms at ${label(TOTAL)} subscriptions, ${DUE} due; ` +
      `naive scan ${fmt(baseline)} ms = ${speedup.toFixed(1)}x; due read ${SIZES.map((s) => `${label(s)} ${fmt(results[s].read)}`).join(", ")} ms ` +
      `(${readGrowth.toFixed(2)}x from ${label(SIZES[0])} to ${label(TOTAL)}: ${flat ? "flat" : "NOT flat"}; tick ${tickGrowth.toFixed(2)}x); ` +
      `target >= ${TARGET}x and flat: ${speedup >= TARGET && flat ? "met" : "NOT met"}`
  )
  console.log(
    `replenishment-due: for information, the tick's other reads (not part of the ratio): ` +
      `paused subscriptions to resume ${SIZES.map((s) => `${label(s)} ${fmt(results[s].resumptions)}`).join(", ")} ms; ` +
      `reminders due ${SIZES.map((s) => `${label(s)} ${fmt(results[s].reminders)}`).join(", ")} ms`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "replenishment-due", value, unit: "ms", baseline })}`)
}
