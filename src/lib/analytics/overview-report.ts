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
  // One read-only transaction: both periods see the same snapshot, and JIT compilation is off
  // for it. PostgreSQL's JIT (on by default since 11) judges these aggregates costly enough to
  // compile and spent 100–200 ms per statement doing so, longer than most of them then ran.
  // The current period's store and attributed revenue come from the series' totals (one scan
  // of the range's orders for both).
  const [current, previous, series] = await deps.pg.transaction(async (trx) => {
    await trx.raw("set transaction read only", [])
    await trx.raw("set local jit = off", [])
    const revenue = await loadRevenueSeries(trx, input.current, input.timeZone)
    return [await loadPeriodFigures(trx, input.current, revenue.totals), await loadPeriodFigures(trx, input.previous), revenue.series] as const
  })
  return {
    range: { from: input.current.from, to: input.current.to },
    previous_range: { from: input.previous.from, to: input.previous.to },
    current,
    previous,
    series,
    now: await loadNowFigures(deps, input.now),
  }
}
