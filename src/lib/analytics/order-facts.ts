// The order facts: reading orders' current state from Medusa's order tables (read-only SQL on
// the shared connection, as every report here does) and handing it to the segments module,
// which owns retention_order_fact. Used by the order subscribers (one order at a time) and by
// the catch-up (recent orders every few minutes; every order, in batches, on install and daily).
import type { CustomerSegmentsModuleService, OrderFactInput } from "../../modules/customer-segments"
import type { SqlConnection } from "./overview"

// The current total of an order's current version (order_summary per version; see overview.ts).
export const ORDER_TOTAL = `coalesce((s.totals->'raw_current_order_total'->>'value')::numeric, (s.totals->>'current_order_total')::numeric, 0)`

// Timestamps and the total travel as PostgreSQL's own text, so the copy is exact (microseconds
// and every digit of the numeric; a JavaScript Date or number would round them).
const ORDER_STATE = `select o.id as order_id, o.customer_id, o.currency_code, case when s.id is null then null else (${ORDER_TOTAL})::text end as total,
    o.created_at::text as placed_at, o.status::text as status, o.is_draft_order, o.version as order_version, o.deleted_at is not null as deleted
  from "order" o left join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null`

type OrderState = OrderFactInput & { deleted: boolean }

const toState = (r: Record<string, unknown>): OrderState => ({
  order_id: String(r.order_id),
  customer_id: (r.customer_id as string | null) ?? null,
  currency_code: String(r.currency_code),
  total: (r.total as string | null) ?? null,
  placed_at: String(r.placed_at),
  status: String(r.status),
  is_draft_order: Boolean(r.is_draft_order),
  order_version: Number(r.order_version),
  deleted: Boolean(r.deleted),
})

/** The orders with these ids (deleted ones flagged; unknown ids absent). */
export async function readOrders(pg: SqlConnection, ids: string[]): Promise<OrderState[]> {
  if (!ids.length) return []
  const { rows } = await pg.raw(`${ORDER_STATE} where o.id in (${ids.map(() => "?").join(", ")})`, ids)
  return rows.map(toState)
}

/** Up to `limit` orders with an id above `after`, in id order (the order table's primary key). */
export async function readOrderBatch(pg: SqlConnection, after: string, limit: number): Promise<OrderState[]> {
  const { rows } = await pg.raw(`${ORDER_STATE} where o.id > ? order by o.id limit ?`, [after, limit])
  return rows.map(toState)
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * The smallest order id Medusa could have generated at `at` or later. Order ids are
 * `order_<ULID>`, and a ULID starts with its creation time in milliseconds (10 characters of
 * Crockford base 32), so ids sort by creation time and "orders created since t" is a range of
 * the primary key.
 */
export function orderIdFloor(at: Date): string {
  let ms = Math.max(0, Math.floor(at.getTime()))
  let time = ""
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time
    ms = Math.floor(ms / 32)
  }
  return `order_${time}`
}

export type OrderFactDependencies = { pg: SqlConnection; segments: CustomerSegmentsModuleService }

/** Writes these orders' facts as they are now: the subscribers' path. */
export async function recordOrderFacts(deps: OrderFactDependencies, orderIds: string[]) {
  const orders = await readOrders(deps.pg, [...new Set(orderIds)])
  const live = orders.filter((o) => !o.deleted)
  const written = await deps.segments.upsertOrderFacts(live.map(stripDeleted))
  const gone = orderIds.filter((id) => !live.some((o) => o.order_id === id))
  const removed = await deps.segments.removeOrderFacts({ order_ids: gone })
  return { written, removed }
}

const stripDeleted = ({ deleted: _deleted, ...fact }: OrderState): OrderFactInput => fact

export const FACT_BATCH = 2000
// The recent pass starts this long before the previous one began: an order's id carries the
// time its transaction created it, which can be a little before it committed and became
// visible, so a pass that started then may not have seen it.
export const RECENT_OVERLAP_MS = 3600_000
// A full pass (the daily reconciliation) is due this long after the last one finished.
export const FULL_PASS_EVERY_MS = 24 * 3600_000

export type SyncResult = { recent: number; full: number; removed: number; full_pass: "done" | "partial" | "not_due" }

/**
 * The catch-up: brings the fact rows in line with the orders, whatever events were missed.
 * 1. Recent pass: every order created since shortly before the previous catch-up (a range of
 *    the primary key): orders whose `order.placed` was lost, and recent changes.
 * 2. Full pass, when due (never completed: the backfill of a store installed with orders; or a
 *    day since the last): every order in id order, `maxBatches` batches at a time, resumable
 *    from its cursor; updates what changed (a cancel or edit whose event was lost) and removes
 *    the facts of deleted orders. `full: true` restarts it from the first order and finishes it.
 * Idempotent: a pass over orders already recorded writes nothing.
 */
export async function syncOrderFacts(
  deps: OrderFactDependencies,
  input: { now: Date; full?: boolean; maxBatches?: number }
): Promise<SyncResult> {
  const { pg, segments } = deps
  const state = await segments.getOrderFactSync()
  const result: SyncResult = { recent: 0, full: 0, removed: 0, full_pass: "not_due" }

  const pass = async (from: string, batches: number, onBatch?: (last: string) => Promise<void>) => {
    let cursor = from
    let written = 0
    for (let n = 0; n < batches; n++) {
      const orders = await readOrderBatch(pg, cursor, FACT_BATCH)
      if (!orders.length) return { written, done: true, cursor }
      const live = orders.filter((o) => !o.deleted)
      written += await segments.upsertOrderFacts(live.map(stripDeleted))
      const last = orders[orders.length - 1].order_id
      // The orders in (cursor, last] are all read: a fact there without a live order is stale.
      result.removed += await segments.removeOrderFacts({ after: cursor, up_to: last, keep: live.map((o) => o.order_id) })
      cursor = last
      await onBatch?.(cursor)
      if (orders.length < FACT_BATCH) return { written, done: true, cursor }
    }
    return { written, done: false, cursor }
  }

  if (state.recent_synced_at && !input.full) {
    const since = new Date(state.recent_synced_at.getTime() - RECENT_OVERLAP_MS)
    // "order_0…" sorts before every ULID id of that time or later; the floor's own id is never an order.
    result.recent = (await pass(orderIdFloor(since), Infinity)).written
  }

  const due =
    input.full ||
    !state.full_synced_at ||
    state.cursor !== null ||
    input.now.getTime() - state.full_synced_at.getTime() >= FULL_PASS_EVERY_MS
  if (due) {
    const from = input.full ? "" : (state.cursor ?? "")
    const full = await pass(from, input.full ? Infinity : (input.maxBatches ?? Infinity), (cursor) => segments.saveOrderFactSync({ cursor }))
    result.full = full.written
    result.full_pass = full.done ? "done" : "partial"
    if (full.done) await segments.saveOrderFactSync({ cursor: null, full_synced_at: input.now })
  }
  await segments.saveOrderFactSync({ recent_synced_at: input.now })
  return result
}
