// `loyalty-balance` benchmark, run by scripts/bench.js through `medusa exec` against a freshly
// migrated database.
//
// value:    ms per balance read (the store's GET /store/retention/loyalty path: getBalance)
//           for a customer with HISTORY ledger rows.
// baseline: the same read for a customer with 10 rows. The balance is cached on the account
//           row (kept exact under a row lock), so the ratio must stay near 1: the cost does not
//           grow with history. For contrast the summary also times deriving it from the ledger.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../src/modules/loyalty"
import type { LoyaltyModuleService } from "../src/modules/loyalty"

const HISTORY = Number(process.env.BENCH_LOYALTY_HISTORY || 10_000)
const READS = Number(process.env.BENCH_LOYALTY_READS || 2000)

type Pg = { raw: (sql: string, params?: unknown[]) => Promise<unknown> }

export default async function loyaltyBalanceBench({ container }: ExecArgs) {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const pg: Pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

  // Seed through the service (account rows, first entry), then bulk history in one statement.
  const seed = async (customerId: string, rows: number) => {
    await loyalty.recordEntries(customerId, [{ type: "earn", points: 1, status: "available", reference: "bench", reference_id: `${customerId}:0` }])
    await pg.raw(
      `insert into retention_loyalty_entry (id, account_id, customer_id, type, points, status, reference, reference_id, actor, created_at, updated_at)
       select 'rlent_bench_' || ? || '_' || g, a.id, a.customer_id, 'earn', 1, 'available', 'bench', ? || ':' || g, 'system',
              now() - (g || ' minutes')::interval, now()
       from generate_series(1, ?) g, retention_loyalty_account a where a.customer_id = ?`,
      [customerId, customerId, rows - 1, customerId]
    )
    await pg.raw(`update retention_loyalty_account set available = ?, lifetime_earned = ? where customer_id = ?`, [rows, rows, customerId])
    await pg.raw(`analyze retention_loyalty_entry`)
  }
  await seed("cus_bench_small", 10)
  await seed("cus_bench_large", HISTORY)

  const msPerRead = async (read: () => Promise<unknown>, n: number) => {
    for (let i = 0; i < 50; i++) await read()
    const started = process.hrtime.bigint()
    for (let i = 0; i < n; i++) await read()
    return Number(process.hrtime.bigint() - started) / 1e6 / n
  }
  const large = await loyalty.getBalance("cus_bench_large")
  if (large.available !== HISTORY) throw new Error(`seed failed: ${large.available}`)
  const baseline = await msPerRead(() => loyalty.getBalance("cus_bench_small"), READS)
  const value = await msPerRead(() => loyalty.getBalance("cus_bench_large"), READS)
  const derivedSmall = await msPerRead(() => loyalty.deriveBalance("cus_bench_small"), 200)
  const derivedLarge = await msPerRead(() => loyalty.deriveBalance("cus_bench_large"), 200)
  console.log(
    `loyalty-balance: ${value.toFixed(3)} ms with ${HISTORY} rows vs ${baseline.toFixed(3)} ms with 10 (summing the ledger instead: ${derivedLarge.toFixed(3)} vs ${derivedSmall.toFixed(3)} ms)`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "loyalty-balance", value, unit: "ms", baseline })}`)
}
