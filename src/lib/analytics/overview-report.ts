// The Overview as the route answers it, apart from the HTTP layer, so the `analytics` benchmark
// measures exactly what GET /admin/retention/analytics/overview runs. Kept out of overview.ts:
// the admin imports that file's types, and this one reaches the module services.
import type { LoyaltyModuleService } from "../../modules/loyalty"
import { liabilityByCurrency } from "../../modules/loyalty/program"
import type ReplenishmentModuleService from "../../modules/replenishment/service"
import type { Range } from "./maths"
import { loadCurrentState, loadPeriodFigures, loadRevenueSeries, type SqlConnection } from "./overview"

export type OverviewDependencies = {
  /** Medusa's PG_CONNECTION (knex). */
  pg: SqlConnection & { transaction: <T>(run: (trx: SqlConnection) => Promise<T>) => Promise<T> }
  loyalty: LoyaltyModuleService
  replenishment: ReplenishmentModuleService
}

/** Figures that describe now, not a range: pauses in force, loyalty members and liability, subscriptions. */
export async function loadNowFigures(deps: OverviewDependencies, now: Date) {
  const { pg, loyalty, replenishment } = deps
  const state = await loadCurrentState(pg)
  const [summary, settings, subscriptions] = await Promise.all([
    loyalty.programSummary(),
    loyalty.getProgram(),
    replenishment.stats({ now }),
  ])
  return {
    active_pauses: state.active_pauses,
    loyalty_members: summary.members,
    loyalty_liability: liabilityByCurrency(settings, summary.by_currency),
    subscriptions,
  }
}

/**
 * Attributed revenue, email health, loyalty, subscriptions and NPS for a range and the period
 * before it, the range's revenue over time in the store's time zone, and the figures of now.
 */
export async function loadOverview(deps: OverviewDependencies, input: { current: Range; previous: Range; now: Date; timeZone: string }) {
  // Three independent reads at once, each on its own pooled connection: the current period
  // (its revenue series first, whose per-currency totals are that period's store and
  // attributed revenue: one scan of the range's orders for both), the previous period, and the
  // figures of now. Each period is one read-only transaction, so its figures come from one
  // snapshot; the two periods may be a few milliseconds apart, which no figure can show.
  const [[current, series], previous, now] = await Promise.all([
    readOnly(deps.pg, async (trx) => {
      const revenue = await loadRevenueSeries(trx, input.current, input.timeZone)
      return [await loadPeriodFigures(trx, input.current, revenue.totals), revenue.series] as const
    }),
    readOnly(deps.pg, (trx) => loadPeriodFigures(trx, input.previous)),
    loadNowFigures(deps, input.now),
  ])
  return {
    range: { from: input.current.from, to: input.current.to },
    previous_range: { from: input.previous.from, to: input.previous.to },
    current,
    previous,
    series,
    now,
  }
}

/**
 * A read-only transaction for the Overview's aggregates, with two planner settings local to it
 * (measured by `npm run bench -- analytics`, see the README):
 * - no JIT: PostgreSQL's JIT (on by default since 11) judged these aggregates costly enough to
 *   compile and spent 100–200 ms per statement doing so, longer than most of them then ran;
 * - no parallel workers: each statement reads at most a few hundred thousand index-ranged rows,
 *   and starting workers cost more than they saved (the 30-day Overview at 1M orders: 646 ms of
 *   statements with workers, 486 ms without). The Overview's own concurrency, one connection per
 *   period, uses the cores instead.
 */
function readOnly<T>(pg: OverviewDependencies["pg"], run: (trx: SqlConnection) => Promise<T>): Promise<T> {
  return pg.transaction(async (trx) => {
    await trx.raw("set transaction read only", [])
    await trx.raw("set local jit = off", [])
    await trx.raw("set local max_parallel_workers_per_gather = 0", [])
    return run(trx)
  })
}
