import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { giveBackTickLease, takeTickLease } from "../../lib/flow-engine/tick-lease"
import { parsePluginOptions } from "../../lib/plugin-options"
import { discountCode } from "../cart-recovery/sequence"
import { DEFAULT_FLOWS, FlowKind, UpdateFlowInput } from "./flow-config"
import { FlowEntry } from "./models/flow-entry"
import { FlowSend } from "./models/flow-send"
import { FlowTickLease } from "./models/flow-tick-lease"
import { RetentionFlow } from "./models/retention-flow"
import { FlowsOptions, flowsOptionsSchema } from "./options"

type SqlManager = {
  execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>
  getKnex: () => Knex
}
type Knex = { raw: (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

// A JSON round trip stores exactly what was validated (arrays included) with the column's type.
const asJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value))

const newId = (prefix: string) => `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`

// Due entries of active flows, oldest due first, through the partial index on next_action_at
// (active entries only). Params: now, limit.
export const DUE_ENTRIES_SQL = `select e.id from retention_flow_entry e
  where e.state = 'active' and e.next_action_at <= ? and e.deleted_at is null
    and e.flow_id in (select id from retention_flow where status = 'active' and deleted_at is null)
  order by e.next_action_at
  limit ?`

export type NewEntry = {
  flow_id: string
  customer_id: string
  email: string
  trigger_key: string
  anchor_at: Date
  next_action_at: Date | null
  holdout: boolean
  // For a held-out entry: when its last step would have gone (the attribution window runs from there).
  ended_at?: Date | null
  context?: Record<string, unknown> | null
}

export type FlowStats = {
  flow_id: string
  entries: number
  active: number
  completed: number
  exited: number
  held_out: number
  holdout_conversions: number
  emailed_entries: number
  emailed_conversions: number
  sends: number
  opens: number
  clicks: number
  conversions: number
  revenue: Record<string, number>
  by_step: { step: number; variant: number; sends: number; opens: number; clicks: number; conversions: number; revenue: Record<string, number> }[]
}

class FlowsModuleService extends MedusaService({ RetentionFlow, FlowEntry, FlowSend, FlowTickLease }) {
  readonly options: FlowsOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(flowsOptionsSchema, options)
  }

  /** Deterministic one-off code of a flow step for a subject: a retry makes the same code. */
  discountCodeFor(flowId: string, subjectId: string, step: number): string {
    return discountCode(this.options.tokenSecret, `flow:${flowId}:${subjectId}`, step)
  }

  // ---------------------------------------------------------------------------------------
  // Flows

  /**
   * Creates the plugin's default flow of every kind the store has never had (a flow of that
   * kind, even deleted, means the merchant decided). A partial unique index on (kind) where
   * is_default keeps concurrent callers from creating two.
   */
  @InjectTransactionManager()
  async ensureDefaultFlows(@MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    for (const flow of DEFAULT_FLOWS) {
      await manager.execute(
        `insert into retention_flow (id, kind, name, status, priority, trigger, audience, steps, holdout_percent,
           quiet_hours, exit_rule, attribution_window_days, discount_budget, is_default, created_at, updated_at)
         select ${newId("rflow")}, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, null, ?, ?, null, true, now(), now()
         where not exists (select 1 from retention_flow where kind = ?)
         on conflict do nothing`,
        [
          flow.kind,
          flow.name,
          flow.status,
          flow.priority,
          JSON.stringify(flow.trigger),
          JSON.stringify(flow.audience),
          JSON.stringify(flow.steps),
          flow.holdout_percent,
          flow.exit_rule,
          flow.attribution_window_days,
          flow.kind,
        ]
      )
    }
  }

  /** Active flows of a kind in priority order (ties by creation). */
  async activeFlows(kind: FlowKind) {
    return await this.listRetentionFlows({ kind, status: "active" }, { order: { priority: "ASC", created_at: "ASC" } })
  }

  /** Applies an update validated by `updateFlowSchema`. */
  async updateFlow(id: string, input: UpdateFlowInput) {
    const { trigger, audience, steps, quiet_hours, discount_budget, ...rest } = input
    return await this.updateRetentionFlows({
      id,
      ...rest,
      ...(trigger ? { trigger: asJson(trigger) } : {}),
      ...(audience ? { audience: asJson(audience) } : {}),
      ...(steps ? { steps: asJson(steps) } : {}),
      ...(quiet_hours !== undefined ? { quiet_hours: quiet_hours ? asJson(quiet_hours) : null } : {}),
      ...(discount_budget !== undefined ? { discount_budget: discount_budget ? asJson(discount_budget) : null } : {}),
    })
  }

  // ---------------------------------------------------------------------------------------
  // Entries

  /**
   * Starts an entry unless (flow, customer, trigger key) already has one: one insert that does
   * nothing on the unique index, so a repeated or concurrent trigger starts nothing twice.
   */
  @InjectTransactionManager()
  async startEntry(input: NewEntry, @MedusaContext() sharedContext: Context = {}): Promise<{ created: boolean; id: string | null }> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `insert into retention_flow_entry (id, flow_id, customer_id, email, trigger_key, state, step, anchor_at,
         next_action_at, holdout, attempts, context, ended_at, created_at, updated_at)
       values (${newId("rfent")}, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, ?::jsonb, ?, now(), now())
       on conflict (flow_id, customer_id, trigger_key) where deleted_at is null do nothing
       returning id`,
      [
        input.flow_id,
        input.customer_id,
        input.email.trim().toLowerCase(),
        input.trigger_key,
        input.holdout ? "held_out" : "active",
        input.anchor_at.toISOString(),
        input.holdout ? null : input.next_action_at?.toISOString() ?? null,
        input.holdout,
        input.context ? JSON.stringify(input.context) : null,
        input.ended_at ? input.ended_at.toISOString() : null,
      ]
    )
    return rows[0] ? { created: true, id: String(rows[0].id) } : { created: false, id: null }
  }

  /**
   * A post-purchase entry's first step counts from the delivery once Medusa reports it (until
   * then from the assumed delivery): only entries of that order whose first step has not gone.
   */
  @InjectTransactionManager()
  async anchorAtDelivery(
    input: { order_id: string; delivered_at: Date; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_flow_entry e
         set anchor_at = ?::timestamptz,
             next_action_at = greatest(?::timestamptz, ?::timestamptz + make_interval(secs => coalesce((f.steps->0->>'delay_hours')::float8, 0) * 3600)),
             updated_at = now()
       from retention_flow f
       where f.id = e.flow_id and f.kind = 'post_purchase' and e.trigger_key = ? and e.step = 0
         and e.state = 'active' and e.last_sent_at is null and e.anchor_at <> ?::timestamptz and e.deleted_at is null
       returning e.id`,
      [input.delivered_at.toISOString(), input.now.toISOString(), input.delivered_at.toISOString(), input.order_id, input.delivered_at.toISOString()]
    )
    return rows.map((r) => String(r.id))
  }

  /**
   * An order ends the customer's active entries of flows whose exit rule is `order_placed`
   * (welcome, win-back) that started before it. Returns what ended, for withdrawing their
   * waiting emails. A repeat finds nothing active.
   */
  @InjectTransactionManager()
  async exitOnOrder(
    input: { customer_id: string; order_id: string; ordered_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; flow_id: string; kind: FlowKind; customer_id: string; trigger_key: string }[]> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_flow_entry e
         set state = 'exited', exit_reason = 'ordered', next_action_at = null, ended_at = ?::timestamptz, updated_at = now()
       from retention_flow f
       where f.id = e.flow_id and f.exit_rule = 'order_placed' and e.customer_id = ? and e.state = 'active'
         and e.trigger_key <> ? and e.anchor_at <= ?::timestamptz and e.deleted_at is null
       returning e.id, e.flow_id, f.kind, e.customer_id, e.trigger_key`,
      [input.ordered_at.toISOString(), input.customer_id, input.order_id, input.ordered_at.toISOString()]
    )
    return rows.map((r) => ({
      id: String(r.id),
      flow_id: String(r.flow_id),
      kind: String(r.kind) as FlowKind,
      customer_id: String(r.customer_id),
      trigger_key: String(r.trigger_key),
    }))
  }

  /**
   * Marks the customer's entries (emailed or held out) that this order converts: started before
   * it, and either still running or ended no longer than the flow's attribution window before it.
   * The holdout's conversion rate against the emailed entries' is the flow's lift. One order per
   * entry (the first); a repeat changes nothing.
   */
  @InjectTransactionManager()
  async recordConversions(
    input: { customer_id: string; order_id: string; ordered_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_flow_entry e set converted_order_id = ?, converted_at = ?::timestamptz, updated_at = now()
       from retention_flow f
       where f.id = e.flow_id and e.customer_id = ? and e.converted_order_id is null and e.trigger_key <> ?
         and e.created_at <= ?::timestamptz and e.deleted_at is null
         and (e.ended_at is null or e.ended_at >= ?::timestamptz - make_interval(days => f.attribution_window_days))
       returning e.id`,
      [input.order_id, input.ordered_at.toISOString(), input.customer_id, input.order_id, input.ordered_at.toISOString(), input.ordered_at.toISOString()]
    )
    return rows.length
  }

  /**
   * Credits an order to the customer's last flow email sent within its flow's attribution window
   * before the order that no other order was credited to (last touch, as cart recovery). The
   * unique index on order_id keeps a repeat or a concurrent run from crediting it twice.
   */
  @InjectTransactionManager()
  async attributeOrder(
    input: { customer_id: string; order_id: string; total: number; currency_code: string; ordered_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ send_id: string; flow_id: string; step: number } | null> {
    const manager = sharedContext.transactionManager as SqlManager
    const already = await manager.execute(`select id, flow_id, step from retention_flow_send where order_id = ? and deleted_at is null`, [input.order_id])
    if (already[0]) return { send_id: String(already[0].id), flow_id: String(already[0].flow_id), step: Number(already[0].step) }
    const rows = await manager.execute(
      `update retention_flow_send set order_id = ?, order_total = ?, raw_order_total = jsonb_build_object('value', ?::text, 'precision', 20),
         order_currency_code = ?, ordered_at = ?::timestamptz, updated_at = now()
       where id = (
         select s.id from retention_flow_send s join retention_flow f on f.id = s.flow_id
         where s.customer_id = ? and s.status = 'sent' and s.order_id is null and s.deleted_at is null
           and s.sent_at <= ?::timestamptz and s.sent_at >= ?::timestamptz - make_interval(days => f.attribution_window_days)
         order by s.sent_at desc limit 1
         for update of s skip locked
       ) and order_id is null
       returning id, flow_id, step`,
      [
        input.order_id,
        input.total,
        String(input.total),
        input.currency_code.toLowerCase(),
        input.ordered_at.toISOString(),
        input.customer_id,
        input.ordered_at.toISOString(),
        input.ordered_at.toISOString(),
      ]
    )
    return rows[0] ? { send_id: String(rows[0].id), flow_id: String(rows[0].flow_id), step: Number(rows[0].step) } : null
  }

  // ---------------------------------------------------------------------------------------
  // Scheduler

  /** Ids of due entries of active flows, oldest due first (the partial next_action_at index). */
  @InjectManager()
  async listDueEntryIds(input: { now: Date; limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(DUE_ENTRIES_SQL, [input.now.toISOString(), input.limit])
    return rows.map((r) => String(r.id))
  }

  /**
   * Starts a tick: the engine's lease (takeTickLease, the one cart recovery takes) on this
   * module's lease table, and only for the tick that gets it the due entries. Null: another tick
   * holds the lease.
   */
  async startTick(input: { name: string; holder: string; leaseSeconds: number; now: Date; limit: number }): Promise<string[] | null> {
    return await takeTickLease(this.tickKnex(), "retention_flow_tick_lease", DUE_ENTRIES_SQL, input)
  }

  /** Ends a tick: gives the lease back if `holder` still has it. */
  async endTick(input: { name: string; holder: string }): Promise<void> {
    await giveBackTickLease(this.tickKnex(), "retention_flow_tick_lease", input)
  }

  // The tick's two statements run on their own, straight through the module's pool.
  private tickKnex_?: Knex

  private tickKnex(): Knex {
    const repository = (this as unknown as { baseRepository_: { getFreshManager: () => SqlManager } }).baseRepository_
    return (this.tickKnex_ ??= repository.getFreshManager().getKnex())
  }

  /** Puts an entry whose run threw back for later, unless the run already moved it. */
  @InjectManager()
  async postponeIfStillDue(input: { id: string; dueAt: Date; until: Date }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.manager as SqlManager
    await manager.execute(
      `update retention_flow_entry set next_action_at = ?, updated_at = now()
       where id = ? and state = 'active' and next_action_at <= ? and deleted_at is null`,
      [input.until.toISOString(), input.id, input.dueAt.toISOString()]
    )
  }

  // ---------------------------------------------------------------------------------------
  // Reporting

  /**
   * Figures per flow: entries by state, sends, opens and clicks (from the message log, under the
   * sends' keys), orders credited and their revenue per currency, per step and variant, and the
   * holdout's conversions against the emailed entries'.
   */
  @InjectManager()
  async flowStats(flowIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<FlowStats[]> {
    if (!flowIds.length) return []
    const manager = sharedContext.manager as SqlManager
    const marks = flowIds.map(() => "?").join(", ")
    const entries = await manager.execute(
      `select flow_id, count(*)::int as entries,
         count(*) filter (where state = 'active')::int as active,
         count(*) filter (where state = 'completed')::int as completed,
         count(*) filter (where state = 'exited')::int as exited,
         count(*) filter (where holdout)::int as held_out,
         count(*) filter (where holdout and converted_order_id is not null)::int as holdout_conversions,
         count(*) filter (where not holdout and last_sent_at is not null)::int as emailed_entries,
         count(*) filter (where not holdout and last_sent_at is not null and converted_order_id is not null)::int as emailed_conversions
       from retention_flow_entry where flow_id in (${marks}) and deleted_at is null group by flow_id`,
      flowIds
    )
    const sends = await manager.execute(
      `select s.flow_id, s.step, s.variant, count(*)::int as sends,
         count(*) filter (where m.opened_at is not null or m.clicked_at is not null)::int as opens,
         count(*) filter (where m.clicked_at is not null)::int as clicks
       from retention_flow_send s
       left join retention_message m on m.idempotency_key = s.idempotency_key and m.deleted_at is null
       where s.flow_id in (${marks}) and s.status = 'sent' and s.deleted_at is null
       group by s.flow_id, s.step, s.variant order by s.step, s.variant`,
      flowIds
    )
    const revenue = await manager.execute(
      `select flow_id, step, variant, order_currency_code as currency_code, count(*)::int as conversions,
         coalesce(sum(order_total), 0)::float8 as revenue
       from retention_flow_send where flow_id in (${marks}) and order_id is not null and deleted_at is null
       group by flow_id, step, variant, order_currency_code`,
      flowIds
    )
    const n = (v: unknown) => Number(v ?? 0)
    return flowIds.map((id) => {
      const e = entries.find((r) => r.flow_id === id)
      const stat: FlowStats = {
        flow_id: id,
        entries: n(e?.entries),
        active: n(e?.active),
        completed: n(e?.completed),
        exited: n(e?.exited),
        held_out: n(e?.held_out),
        holdout_conversions: n(e?.holdout_conversions),
        emailed_entries: n(e?.emailed_entries),
        emailed_conversions: n(e?.emailed_conversions),
        sends: 0,
        opens: 0,
        clicks: 0,
        conversions: 0,
        revenue: {},
        by_step: [],
      }
      const row = (step: number, variant: number) => {
        let r = stat.by_step.find((b) => b.step === step && b.variant === variant)
        if (!r) {
          r = { step, variant, sends: 0, opens: 0, clicks: 0, conversions: 0, revenue: {} }
          stat.by_step.push(r)
        }
        return r
      }
      for (const s of sends.filter((r) => r.flow_id === id)) {
        stat.sends += n(s.sends)
        stat.opens += n(s.opens)
        stat.clicks += n(s.clicks)
        Object.assign(row(n(s.step), n(s.variant)), { sends: n(s.sends), opens: n(s.opens), clicks: n(s.clicks) })
      }
      for (const r of revenue.filter((r) => r.flow_id === id)) {
        const currency = String(r.currency_code)
        stat.conversions += n(r.conversions)
        stat.revenue[currency] = (stat.revenue[currency] ?? 0) + n(r.revenue)
        const b = row(n(r.step), n(r.variant))
        b.conversions += n(r.conversions)
        b.revenue[currency] = (b.revenue[currency] ?? 0) + n(r.revenue)
      }
      stat.by_step.sort((a, b) => a.step - b.step || a.variant - b.variant)
      return stat
    })
  }
}

export default FlowsModuleService
