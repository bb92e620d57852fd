// `nps-aggregate` benchmark, run by scripts/bench.js through `medusa exec` against a freshly
// migrated database holding RESPONSES confirmed NPS responses spread over two years.
//
// value:    ms for the unfiltered dashboard (NPS, weekly trend, distribution, counts) with
//           PostgreSQL doing the aggregation (NpsModuleService.dashboard), median of RUNS.
// baseline: ms for loading the confirmed responses and computing the same numbers in
//           JavaScript (summarize), median of RUNS. Lower is better; ratio = value / baseline.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_NPS_MODULE } from "../src/modules/nps"
import { summarize } from "../src/modules/nps/scoring"
import type NpsModuleService from "../src/modules/nps/service"

const RESPONSES = Number(process.env.BENCH_NPS_RESPONSES || 1_000_000)
const RUNS = Number(process.env.BENCH_NPS_RUNS || 3)

type Knex = { raw: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

const trendText = (points: { start: string; nps: number | null; responses: number }[]) =>
  points.map((p) => `${p.start} ${p.nps} ${p.responses}`).join("\n")
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}

export default async function npsAggregateBench({ container }: ExecArgs) {
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
  const now = new Date()
  // Deterministic spread: scores 0–10 and confirmation times over the last 730 days.
  await db.raw(
    `insert into retention_nps_response
       (id, survey_id, order_id, email, score, category, status, first_clicked_at, last_clicked_at, confirmed_at)
     select 'npsr_bench_' || g, 'npss_bench_' || g, 'order_bench_' || g, 'bench' || g || '@example.com',
       s, case when s >= 9 then 'promoter' when s >= 7 then 'passive' else 'detractor' end, 'confirmed', t, t, t
     from (select g, (g * 7919) % 11 as s, ?::timestamptz - make_interval(secs => (g * 104729) % (730 * 86400)) as t
           from generate_series(1::bigint, ?::bigint) g) x`,
    [now.toISOString(), RESPONSES]
  )
  await db.raw(`vacuum analyze retention_nps_response`)

  const sqlRuns: number[] = []
  const jsRuns: number[] = []
  let sqlResult: Awaited<ReturnType<NpsModuleService["dashboard"]>> | undefined
  let jsResult: ReturnType<typeof summarize> | undefined
  for (let i = 0; i < RUNS; i++) {
    const sql = await time(() => service.dashboard({ now }))
    sqlRuns.push(sql.ms)
    sqlResult = sql.result
    const js = await time(async () => {
      const { rows } = await db.raw(
        `select score, confirmed_at from retention_nps_response where status = 'confirmed' and deleted_at is null`
      )
      return summarize(
        rows.map((r) => ({ score: Number(r.score), confirmed_at: new Date(r.confirmed_at as string) })),
        now
      )
    })
    jsRuns.push(js.ms)
    jsResult = js.result
  }
  // Both ways must agree, or the timing means nothing.
  const agree =
    sqlResult &&
    jsResult &&
    sqlResult.nps === jsResult.nps &&
    sqlResult.responses === jsResult.responses &&
    sqlResult.distribution.join() === jsResult.distribution.join() &&
    sqlResult.trend.bucket === jsResult.trend.bucket &&
    trendText(sqlResult.trend.points) === trendText(jsResult.trend.points)
  if (!agree) {
    throw new Error(`SQL and JavaScript dashboards disagree: ${JSON.stringify({ sql: sqlResult?.nps, js: jsResult?.nps })}`)
  }
  const value = median(sqlRuns)
  const baseline = median(jsRuns)
  console.log(
    `nps-aggregate: ${RESPONSES} responses, dashboard in SQL ${value.toFixed(0)} ms vs load + JavaScript ${baseline.toFixed(0)} ms (NPS ${sqlResult!.nps}, ${sqlResult!.trend.points.length} ${sqlResult!.trend.bucket}s)`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "nps-aggregate", value, unit: "ms", baseline })}`)
}
