// `loyalty-ledger` benchmark, run by scripts/bench.js through `medusa exec` against a freshly
// migrated database.
//
// value:    ledger entries/s written through a workflow (recordPointsEntryStep: account row
//           lock, idempotent insert, balance update, one transaction each), PARALLEL in flight
//           spread over CUSTOMERS accounts, as concurrent order.placed events would arrive.
// baseline: the same entries through the module service directly (no workflow engine): the
//           ratio is what the workflow layer costs on top of the ledger's own transaction.
import { ExecArgs } from "@medusajs/framework/types"
import { RETENTION_LOYALTY_MODULE } from "../src/modules/loyalty"
import type { LoyaltyModuleService } from "../src/modules/loyalty"
import { adjustPointsWorkflow } from "../src/workflows/loyalty/adjust-points"

const TOTAL = Number(process.env.BENCH_LOYALTY_TOTAL || 2000)
const PARALLEL = Number(process.env.BENCH_LOYALTY_PARALLEL || 8)
const CUSTOMERS = Number(process.env.BENCH_LOYALTY_CUSTOMERS || 50)

async function timed(total: number, one: (i: number) => Promise<unknown>) {
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < total; i = next++) await one(i)
    })
  )
  return total / (Number(process.hrtime.bigint() - started) / 1e9)
}

export default async function loyaltyLedgerBench({ container }: ExecArgs) {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const run = `${Date.now()}`
  const viaWorkflow = (i: number) =>
    adjustPointsWorkflow(container).run({
      input: { customer_id: `cus_bench_${i % CUSTOMERS}`, points: 10, note: "bench", actor_id: "bench", key: `wf:${run}:${i}` },
    })
  const direct = (i: number) =>
    loyalty.recordEntries(`cus_bench_${i % CUSTOMERS}`, [
      { type: "earn", points: 10, status: "available", reference: "bench", reference_id: `direct:${run}:${i}` },
    ])
  // Warm up: workflow registry, connection pool, account rows.
  await timed(CUSTOMERS, (i) => viaWorkflow(-1 - i))
  const value = await timed(TOTAL, viaWorkflow)
  const baseline = await timed(TOTAL, direct)
  // The cached balances must still equal the ledger after all that concurrency.
  for (let c = 0; c < CUSTOMERS; c += 10) {
    const [cached, derived] = await Promise.all([loyalty.getBalance(`cus_bench_${c}`), loyalty.deriveBalance(`cus_bench_${c}`)])
    if (cached.available !== derived.available) throw new Error(`balance drift on cus_bench_${c}`)
  }
  console.log(`loyalty-ledger: ${value.toFixed(0)} entries/s through the workflow, ${baseline.toFixed(0)} direct (${PARALLEL} in flight)`)
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "loyalty-ledger", value, unit: "tx/s", baseline })}`)
}
