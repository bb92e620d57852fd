// `flow-tick` benchmark, run by scripts/bench.js through `medusa exec` against a freshly migrated
// database.
//
// value:    ms for one flow scheduler tick to find its work, as the job does it: take the lease
//           and read the due entries in one statement (startTick: a range scan of the partial
//           index on next_action_at where state = 'active'), then give the lease back (endTick),
//           with 1,000,000 flow entries of which 1,000 are due. Median of several runs after a
//           warm-up.
// baseline: ms for the naive design on the same entries: no stored next action, so every active
//           entry's due time is worked out from its anchor and its flow's step delay (a scan of
//           the entries joined to their flow). Same run, same database, same 1,000 due entries.
// Printed: both, and their ratio, at 10k, 100k and 1M entries, to show the tick stays flat while
//          the scan grows.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_FLOWS_MODULE } from "../src/modules/flows"
import type FlowsModuleService from "../src/modules/flows/service"

const TOTAL = Number(process.env.BENCH_FLOW_TOTAL || 1_000_000)
const DUE = 1000
const RUNS = 11

type Knex = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - started) / 1e6
}

export default async function flowTickBench({ container }: ExecArgs) {
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  await flows.ensureDefaultFlows()
  const [welcome] = await flows.listRetentionFlows({ kind: "welcome", is_default: true })
  // Steps of the default welcome series: 1 h, 72 h, 168 h after sign-up.

  // Entries [from, to): the first DUE are at step 0 and signed up two hours ago (due); of the
  // rest a third are active and waiting for a later step, the others completed or exited.
  const addEntries = async (from: number, to: number) => {
    await db.raw(
      `insert into retention_flow_entry (id, flow_id, customer_id, email, trigger_key, state, step, anchor_at, next_action_at, holdout)
       select 'rfent_b' || i, ?, 'cus_b' || i, 'bench' || i || '@example.com', 'signup',
         case when i < ? or i % 3 = 0 then 'active' when i % 3 = 1 then 'completed' else 'exited' end,
         case when i < ? then 0 else 1 end,
         case when i < ? then now() - interval '2 hours' else now() - interval '1 hour' end,
         case when i < ? then now() - interval '1 hour' when i % 3 = 0 then now() + interval '71 hours' else null end,
         false
       from generate_series(?::int, ?::int - 1) as i`,
      [welcome.id, DUE, DUE, DUE, DUE, from, to]
    )
    await db.raw(`vacuum analyze retention_flow_entry`)
  }

  const tick = async () => {
    const claims: number[] = []
    for (let r = -1; r < RUNS; r++) {
      let found = 0
      const ms = await time(async () => {
        const holder = `bench-${r}`
        const ids = await flows.startTick({ name: "bench-flow-tick", holder, leaseSeconds: 900, now: new Date(), limit: DUE })
        if (!ids) throw new Error("lease not free")
        found = ids.length
        await flows.endTick({ name: "bench-flow-tick", holder })
      })
      if (found !== DUE) throw new Error(`tick found ${found} entries, expected ${DUE}`)
      if (r >= 0) claims.push(ms)
    }
    return median(claims)
  }

  const naive = async () => {
    const runs: number[] = []
    for (let r = -1; r < RUNS; r++) {
      let found = 0
      const ms = await time(async () => {
        const { rows } = await db.raw(
          `select e.id from retention_flow_entry e join retention_flow f on f.id = e.flow_id
           where e.state = 'active' and f.status = 'active' and e.deleted_at is null
             and e.anchor_at + ((f.steps -> e.step ->> 'delay_hours')::float8 * interval '1 hour') <= now()
           order by e.anchor_at limit ?`,
          [DUE + 1]
        )
        found = rows.length
      })
      if (found !== DUE) throw new Error(`naive scan found ${found} entries, expected ${DUE}`)
      if (r >= 0) runs.push(ms)
    }
    return median(runs)
  }

  const results: { size: number; tick: number; naive: number }[] = []
  let have = 0
  for (const size of [10_000, 100_000, TOTAL]) {
    await addEntries(have, size)
    have = size
    results.push({ size, tick: await tick(), naive: await naive() })
  }

  const fmt = (n: number) => n.toFixed(2)
  for (const r of results) {
    console.log(
      `flow-tick: ${r.size} entries (${DUE} due): tick (lease + due read + release) ${fmt(r.tick)} ms, naive scan ${fmt(r.naive)} ms = ${(r.naive / r.tick).toFixed(1)}x`
    )
  }
  const first = results[0]
  const last = results[results.length - 1]
  console.log(`flow-tick: tick at ${last.size} / tick at ${first.size} = ${(last.tick / first.tick).toFixed(2)} (flat is about 1)`)
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "flow-tick", value: last.tick, unit: "ms", baseline: last.naive })}`)
}
