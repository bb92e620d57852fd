// `cart-recovery-tick` benchmark, run by scripts/bench.js through `medusa exec` against a freshly
// migrated database.
//
// value:    ms for one scheduler tick to find its work, as the job does it: take the scheduler's
//           lease (one row) and read the due carts in one statement (startTick: a range scan of
//           the partial index on next_action_at), then give the lease back (endTick), with 1,000,000 tracked carts of
//           which 1,000 are due. Median of several runs, after a warm-up. The read alone is
//           printed too.
// baseline: ms for the naive job on the same number of carts in Medusa's own cart table:
//           select open carts with an email whose updated_at is over an hour old and whose
//           metadata does not say they were emailed (state in cart.metadata, polling by
//           updated_at). Same run, same database, same 1,000 candidates.
// Also printed: the tick at 10k and 100k tracked carts, to show it stays flat.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../src/modules/cart-recovery/service"

const TOTAL = Number(process.env.BENCH_CART_TOTAL || 1_000_000)
const DUE = 1000
const RUNS = 15

type Knex = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - started) / 1e6
}

export default async function cartRecoveryTickBench({ container }: ExecArgs) {
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  await service.ensureDefaultCampaign()
  const [campaign] = await service.listRecoveryCampaigns({ is_default: true })

  // Tracked carts [from, to): the first DUE are due an hour ago; the rest are waiting for a
  // later step, finished (recovered/converted/expired) or not yet abandoned.
  const addTracked = async (from: number, to: number) => {
    await db.raw(
      `insert into retention_tracked_cart (id, cart_id, email, currency_code, value, raw_value, last_activity_at, status,
         current_step, next_action_at, campaign_id, holdout)
       select 'rtcart_b' || i, 'cart_b' || i, 'bench' || i || '@example.com', 'eur', 50, '{"value":"50","precision":20}'::jsonb,
         now() - interval '2 hours',
         case when i < ? then 'active' when i % 3 = 0 then 'emailed' when i % 3 = 1 then 'recovered' else 'expired' end,
         0,
         case when i < ? then now() - interval '1 hour' when i % 3 = 0 then now() + (1 + i % 72) * interval '1 hour' else null end,
         ?, false
       from generate_series(?::int, ?::int - 1) as i`,
      [DUE, DUE, campaign.id, from, to]
    )
    await db.raw(`analyze retention_tracked_cart`)
  }

  const dueIds = async () =>
    (await db.raw(`select id from retention_tracked_cart where id = any(array(select 'rtcart_b' || i from generate_series(0, ?::int - 1) i))`, [DUE])).rows.map(
      (r) => String(r.id)
    )

  const resetDue = async (ids: string[]) =>
    db.raw(`update retention_tracked_cart set next_action_at = now() - interval '1 hour' where id = any(?)`, [ids])

  const tick = async () => {
    const ids = await dueIds()
    await resetDue(ids)
    await db.raw(`vacuum analyze retention_tracked_cart`)
    await service.listDueCartIds({ now: new Date(), limit: DUE })
    const reads: number[] = []
    for (let r = 0; r < RUNS; r++) {
      let found = 0
      reads.push(await time(async () => (found = (await service.listDueCartIds({ now: new Date(), limit: DUE })).length)))
      if (found !== DUE) throw new Error(`tick read ${found} carts, expected ${DUE}`)
    }
    const claims: number[] = []
    for (let r = 0; r < RUNS; r++) {
      let found = 0
      claims.push(
        await time(async () => {
          const holder = `bench-${r}`
          const ids = await service.startTick({ name: "bench-tick", holder, leaseSeconds: 900, now: new Date(), limit: DUE })
          if (!ids) throw new Error("lease not free")
          found = ids.length
          await service.endTick({ name: "bench-tick", holder })
        })
      )
      if (found !== DUE) throw new Error(`tick found ${found} carts, expected ${DUE}`)
    }
    return { read: median(reads), claim: median(claims) }
  }

  const ticks: Record<string, { read: number; claim: number }> = {}
  let have = 0
  for (const size of [10_000, 100_000, TOTAL]) {
    await addTracked(have, size)
    have = size
    ticks[size] = await tick()
  }

  // Baseline data: the same number of carts in Medusa's cart table, 1,000 of them candidates.
  await db.raw(
    `insert into cart (id, currency_code, email, metadata, created_at, updated_at, completed_at)
     select 'cart_nb' || i, 'eur', 'bench' || i || '@example.com',
       case when i < ? then null when i % 3 = 0 then '{"abandoned_notification":"sent"}'::jsonb else null end,
       now() - interval '3 hours',
       case when i < ? or i % 3 = 0 then now() - interval '2 hours' else now() - interval '5 minutes' end,
       case when i % 3 = 1 and i >= ? then now() - interval '1 hour' else null end
     from generate_series(0, ?::int - 1) as i`,
    [DUE, DUE, DUE, TOTAL]
  )
  await db.raw(`analyze cart`)
  const naive = async () => {
    const { rows } = await db.raw(
      `select id, email, metadata from cart
       where deleted_at is null and completed_at is null and email is not null
         and updated_at <= now() - interval '1 hour'
         and (metadata is null or metadata->>'abandoned_notification' is null)`
    )
    if (rows.length !== DUE) throw new Error(`naive query found ${rows.length} carts, expected ${DUE}`)
  }
  await naive()
  const baselineRuns: number[] = []
  for (let r = 0; r < RUNS; r++) baselineRuns.push(await time(naive))
  const baseline = median(baselineRuns)

  const value = ticks[TOTAL].claim
  const fmt = (n: number) => n.toFixed(2)
  console.log(
    `cart-recovery-tick: tick (lease + due-row read + release) ${fmt(value)} ms at ${TOTAL} tracked carts ` +
      `(10k: ${fmt(ticks[10_000].claim)} ms, 100k: ${fmt(ticks[100_000].claim)} ms); naive updated_at scan ${fmt(baseline)} ms = ` +
      `${(baseline / value).toFixed(1)}x; due-row read alone ${fmt(ticks[TOTAL].read)} ms (10k: ${fmt(ticks[10_000].read)}, ` +
      `100k: ${fmt(ticks[100_000].read)})`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "cart-recovery-tick", value, unit: "ms", baseline })}`)
}
