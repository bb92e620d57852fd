import { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { RfmRun } from "./models/rfm-run"
import { RfmScore } from "./models/rfm-score"
import type { RfmScoreInput } from "./types"

type Row = Record<string, unknown>
export type { RfmScoreInput }

type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Row[]> }

export type RfmRunSummary = { id: string; computed_at: Date; trigger: string; scored: number }

// A computation this close after the newest run replaces it instead of pushing it back: a
// "recompute now" in the afternoon, or a job delivered twice, keeps last night's run as the
// baseline that movement is measured against.
const REPLACE_WITHIN_MS = 12 * 3600_000
// Current and previous; older runs are deleted with their scores.
const KEEP_RUNS = 2
const INSERT_CHUNK = 500

class CustomerSegmentsModuleService extends MedusaService({ RfmRun, RfmScore }) {
  /**
   * Stores one computation's scores as the newest run, in one transaction: readers see either
   * the previous run or the whole new one, never a half-written run.
   */
  @InjectTransactionManager()
  async recordRun(
    input: { computed_at: Date; trigger: "schedule" | "manual"; scores: RfmScoreInput[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RfmRunSummary> {
    const manager = sharedContext.transactionManager as SqlManager
    // One writer at a time: the lock is the transaction's, released at commit.
    await manager.execute(`select pg_advisory_xact_lock(hashtext('retention_rfm_run'))`)
    const [newest] = await manager.execute(`select id, computed_at from retention_rfm_run where deleted_at is null order by computed_at desc limit 1`)
    if (newest && input.computed_at.getTime() - new Date(String(newest.computed_at)).getTime() < REPLACE_WITHIN_MS) {
      await this.deleteRuns_(manager, [String(newest.id)])
    }
    const id = generateEntityId(undefined, "rfmrun")
    await manager.execute(
      `insert into retention_rfm_run (id, computed_at, trigger, scored, created_at, updated_at) values (?, ?, ?, ?, now(), now())`,
      [id, input.computed_at.toISOString(), input.trigger, input.scores.length]
    )
    for (let i = 0; i < input.scores.length; i += INSERT_CHUNK) {
      const chunk = input.scores.slice(i, i + INSERT_CHUNK)
      await manager.execute(
        `insert into retention_rfm_score (id, run_id, customer_id, currency_code, last_order_at, orders, revenue, raw_revenue, r, f, m, segment, created_at, updated_at)
         values ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())").join(", ")}`,
        chunk.flatMap((s) => [
          generateEntityId(undefined, "rfm"),
          id,
          s.customer_id,
          s.currency_code,
          s.last_order_at.toISOString(),
          s.orders,
          s.revenue,
          JSON.stringify({ value: String(s.revenue), precision: 20 }),
          s.r,
          s.f,
          s.m,
          s.segment,
        ])
      )
    }
    const stale = await manager.execute(`select id from retention_rfm_run where deleted_at is null order by computed_at desc offset ?`, [KEEP_RUNS])
    await this.deleteRuns_(manager, stale.map((r) => String(r.id)))
    return { id, computed_at: input.computed_at, trigger: input.trigger, scored: input.scores.length }
  }

  /** The newest run and the one before it (the movement baseline), newest first. */
  @InjectManager()
  async latestRuns(@MedusaContext() sharedContext: Context = {}): Promise<RfmRunSummary[]> {
    const runs = await this.listRfmRuns({}, { order: { computed_at: "DESC" }, take: KEEP_RUNS }, sharedContext)
    return runs.map((r) => ({ id: r.id, computed_at: r.computed_at, trigger: r.trigger, scored: r.scored }))
  }

  /** The customer's segment in a currency at the newest run (none before a first order). */
  @InjectManager()
  async segmentsOf(input: { customer_id: string; currency_code: string }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `select s.segment from retention_rfm_score s
       where s.run_id = (select id from retention_rfm_run where deleted_at is null order by computed_at desc limit 1)
         and s.customer_id = ? and s.currency_code = ? and s.deleted_at is null`,
      [input.customer_id, input.currency_code.toLowerCase()]
    )
    return rows.map((r) => String(r.segment))
  }

  private async deleteRuns_(manager: SqlManager, ids: string[]) {
    if (!ids.length) return
    const list = ids.map(() => "?").join(", ")
    await manager.execute(`delete from retention_rfm_score where run_id in (${list})`, ids)
    await manager.execute(`delete from retention_rfm_run where id in (${list})`, ids)
  }
}

export default CustomerSegmentsModuleService
