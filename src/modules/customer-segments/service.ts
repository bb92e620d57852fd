import { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { OrderFact } from "./models/order-fact"
import { OrderFactSync } from "./models/order-fact-sync"
import { RfmRun } from "./models/rfm-run"
import { RfmScore } from "./models/rfm-score"
import { RfmSnapshot } from "./models/rfm-snapshot"
import type { OrderFactInput, OrderFactSyncState, RfmScoreInput } from "./types"

type Row = Record<string, unknown>
export type { OrderFactInput, OrderFactSyncState, RfmScoreInput }

type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Row[]> }

export type RfmRunSummary = { id: string; computed_at: Date; trigger: string; scored: number }

// A computation this close after the newest run replaces it instead of pushing it back: a
// "recompute now" in the afternoon, or a job delivered twice, keeps last night's run as the
// baseline that movement is measured against.
const REPLACE_WITHIN_MS = 12 * 3600_000
// Current and previous; older runs are deleted with their scores.
const KEEP_RUNS = 2
const INSERT_CHUNK = 500
// A month-old baseline is at least this many days older than the run it is compared with.
const MONTH_MIN_DAYS = 15

/** The same moment one calendar month earlier (31 March → 28/29 February, clamped). */
export function monthBefore(at: Date): Date {
  const d = new Date(at)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - 1)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

const FACT_COLUMNS = ["customer_id", "currency_code", "total", "raw_total", "placed_at", "status", "is_draft_order", "order_version"]
const SYNC_KEY = "orders"

class CustomerSegmentsModuleService extends MedusaService({ RfmRun, RfmScore, RfmSnapshot, OrderFact, OrderFactSync }) {
  /**
   * Writes the orders' current state as their fact rows: inserts the missing ones and updates
   * those that differ (an unchanged row is not rewritten). Idempotent: the same order twice
   * leaves one row with its latest state. Returns how many rows were inserted or changed.
   */
  @InjectTransactionManager()
  async upsertOrderFacts(orders: OrderFactInput[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.transactionManager as SqlManager
    // One row per order in a statement: PostgreSQL refuses to update a row twice in one upsert.
    const unique = [...new Map(orders.map((o) => [o.order_id, o])).values()]
    let written = 0
    for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
      const chunk = unique.slice(i, i + INSERT_CHUNK)
      const rows = await manager.execute(
        `insert into retention_order_fact (id, order_id, ${FACT_COLUMNS.join(", ")}, created_at, updated_at)
         values ${chunk.map(() => "(?, ?, ?, ?, ?::numeric, ?::jsonb, ?::timestamptz, ?, ?, ?, now(), now())").join(", ")}
         on conflict (order_id) where deleted_at is null do update set
           ${FACT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = now()
         where (retention_order_fact.customer_id, retention_order_fact.currency_code, retention_order_fact.total,
                retention_order_fact.placed_at, retention_order_fact.status, retention_order_fact.is_draft_order,
                retention_order_fact.order_version)
           is distinct from (excluded.customer_id, excluded.currency_code, excluded.total, excluded.placed_at, excluded.status,
                excluded.is_draft_order, excluded.order_version)
         returning id`,
        chunk.flatMap((o) => [
          generateEntityId(undefined, "rof"),
          o.order_id,
          o.customer_id,
          o.currency_code,
          o.total,
          o.total === null ? null : JSON.stringify({ value: o.total, precision: 20 }),
          o.placed_at,
          o.status,
          o.is_draft_order,
          o.order_version,
        ])
      )
      written += rows.length
    }
    return written
  }

  /**
   * Removes the fact rows of orders that no longer exist (deleted): `order_ids`, or every row
   * with an order id in (after, up_to] other than `keep` (a full-pass batch: the orders it
   * read are the ones that exist in that id range). Returns how many were removed.
   */
  @InjectTransactionManager()
  async removeOrderFacts(
    input: { order_ids: string[] } | { after: string; up_to: string | null; keep: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = sharedContext.transactionManager as SqlManager
    if ("order_ids" in input) {
      if (!input.order_ids.length) return 0
      return (
        await manager.execute(`delete from retention_order_fact where order_id in (${input.order_ids.map(() => "?").join(", ")}) returning id`, input.order_ids)
      ).length
    }
    const rows = await manager.execute(
      `delete from retention_order_fact
       where order_id > ? ${input.up_to === null ? "" : "and order_id <= ?"}
         ${input.keep.length ? `and order_id not in (${input.keep.map(() => "?").join(", ")})` : ""}
       returning id`,
      [input.after, ...(input.up_to === null ? [] : [input.up_to]), ...input.keep]
    )
    return rows.length
  }

  /** Where the catch-up stands (all null before its first run). */
  @InjectManager()
  async getOrderFactSync(@MedusaContext() sharedContext: Context = {}): Promise<OrderFactSyncState> {
    const [row] = await (sharedContext.manager as SqlManager).execute(
      `select recent_synced_at, cursor, full_synced_at from retention_order_fact_sync where key = ? and deleted_at is null`,
      [SYNC_KEY]
    )
    const date = (v: unknown) => (v ? new Date(v as string) : null)
    return {
      recent_synced_at: date(row?.recent_synced_at),
      cursor: (row?.cursor as string | null | undefined) ?? null,
      full_synced_at: date(row?.full_synced_at),
    }
  }

  /** Records the catch-up's progress (only the fields given). */
  @InjectTransactionManager()
  async saveOrderFactSync(patch: Partial<OrderFactSyncState>, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    const fields = (["recent_synced_at", "cursor", "full_synced_at"] as const).filter((f) => f in patch)
    const value = (f: (typeof fields)[number]) => {
      const v = patch[f]
      return v instanceof Date ? v.toISOString() : (v ?? null)
    }
    await manager.execute(
      `insert into retention_order_fact_sync (id, key, ${fields.join(", ")}, created_at, updated_at)
       values (?, ?, ${fields.map(() => "?").join(", ")}${fields.length ? ", " : ""}now(), now())
       on conflict (key) where deleted_at is null do update set
         ${fields.map((f) => `${f} = excluded.${f}, `).join("")}updated_at = now()`,
      [generateEntityId(undefined, "rofs"), SYNC_KEY, ...fields.map(value)]
    )
  }

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
      // A replaced run is no baseline either; runs rotated out below keep their snapshot.
      await manager.execute(`delete from retention_rfm_snapshot where run_id = ?`, [String(newest.id)])
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
    await manager.execute(
      `insert into retention_rfm_snapshot (id, run_id, computed_at, currency_code, segment, customers, revenue, raw_revenue, created_at, updated_at)
       select 'rfmsnap_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, currency_code, segment, count(*), sum(revenue),
         jsonb_build_object('value', sum(revenue)::text, 'precision', 20), now(), now()
       from retention_rfm_score where run_id = ? and deleted_at is null group by currency_code, segment`,
      [id, input.computed_at.toISOString(), id]
    )
    await manager.execute(`delete from retention_rfm_snapshot where computed_at < ?::timestamptz - interval '400 days'`, [input.computed_at.toISOString()])
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

  /**
   * The baseline of "movement since last month" for a run computed at `at`: the snapshot nearest
   * to one calendar month before it, among those at least MONTH_MIN_DAYS older (a store with only
   * last week's run has no month-old baseline yet). Null without one.
   */
  @InjectManager()
  async monthBaseline(
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ computed_at: Date; counts: { currency_code: string; segment: string; customers: number }[] } | null> {
    const manager = sharedContext.manager as SqlManager
    const target = monthBefore(at)
    const [nearest] = await manager.execute(
      `select run_id, computed_at from retention_rfm_snapshot
       where computed_at <= ?::timestamptz - ? * interval '1 day' and deleted_at is null
       order by abs(extract(epoch from computed_at - ?::timestamptz)), computed_at desc limit 1`,
      [at.toISOString(), MONTH_MIN_DAYS, target.toISOString()]
    )
    if (!nearest) return null
    const counts = await manager.execute(
      `select currency_code, segment, customers from retention_rfm_snapshot where run_id = ? and deleted_at is null`,
      [String(nearest.run_id)]
    )
    return {
      computed_at: new Date(nearest.computed_at as string),
      counts: counts.map((c) => ({ currency_code: String(c.currency_code), segment: String(c.segment), customers: Number(c.customers) })),
    }
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
