import { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { parsePluginOptions } from "../../lib/plugin-options"
import { signToken, verifyToken, VerifyResult } from "../../lib/signed-token"
import { ReplenishmentPlan } from "./models/replenishment-plan"
import { ReplenishmentPrediction } from "./models/prediction"
import { Subscription } from "./models/subscription"
import { SubscriptionEvent } from "./models/subscription-event"
import { SubscriptionRun } from "./models/subscription-run"
import { ReplenishmentTickLease } from "./models/tick-lease"
import { REORDER_LINK_PURPOSE, ReplenishmentOptions, replenishmentOptionsSchema, SUBSCRIPTION_LINK_PURPOSE } from "./options"
import { periodOf, runKey, SubscriptionAction, SubscriptionState, SubscriptionStatus, transition } from "./schedule"

type Row = Record<string, unknown>
type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Row[]> }

export type SubscriptionItem = {
  variant_id: string
  product_id: string
  quantity: number
  title: string
  variant_title?: string | null
}

export type Actor = { type: "customer" | "admin" | "system"; id?: string | null }

// s: subscription id, a: what the link does, p: the period it was sent for (a second click on
// "skip" must not skip the period after it too).
// s: subscription id, a: action, d: the period (YYYY-MM-DD) the link was sent for ("p" is the
// token's purpose and must not be reused).
export type SubscriptionLinkClaims = { s: string; a: "skip" | "pause"; d?: string }
// c: customer id, v: variant ids, k: prediction key (the cycle).
export type ReorderLinkClaims = { c: string; v: string[]; k: string }

export type CreateSubscriptionInput = {
  customer_id: string
  email: string
  items: SubscriptionItem[]
  interval: string
  first_run_at: Date
  region_id: string
  currency_code: string
  sales_channel_id: string | null
  shipping_address: Record<string, unknown>
  shipping_option_id: string | null
  payment_provider_id: string
  payment_reference?: string | null
  discount_percent: number | null
  renewal_value?: number | null
  locale?: string | null
  origin_order_id?: string | null
  origin_item_id?: string | null
}

// Active subscriptions whose next run is due, oldest first, through the partial index
// IDX_retention_subscription_due. Params: now, limit.
export const DUE_SUBSCRIPTIONS_SQL = `select s.id from retention_subscription s
  where s.status = 'active' and s.next_run_at <= ? and s.deleted_at is null
  order by s.next_run_at
  limit ?`

const asJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value))

/** Columns the admin's subscription list sorts by: the API's `order` enum is built from these. */
export const SUBSCRIPTION_ORDER_FIELDS = ["created_at", "period_at", "status", "email", "interval"] as const
type SubscriptionOrderField = (typeof SUBSCRIPTION_ORDER_FIELDS)[number]

// Fixed SQL per field: the requested order only ever picks one of these strings. An interval code
// ("2w", "30d", "1m") sorts by its length in days, months counted as 30.4375.
const SUBSCRIPTION_ORDER_SQL: Record<SubscriptionOrderField, string> = {
  created_at: "created_at",
  period_at: "period_at",
  status: "status",
  email: "email",
  interval: `(substring(interval from '^[0-9]+')::numeric * case right(interval, 1) when 'd' then 1 when 'w' then 7 else 30.4375 end)`,
}

/** "-created_at" → "created_at desc, id desc"; an unknown field falls back to newest first. */
function subscriptionOrderSql(order = "-created_at"): string {
  const descending = order.startsWith("-")
  const field = (descending ? order.slice(1) : order) as SubscriptionOrderField
  const sql = Object.prototype.hasOwnProperty.call(SUBSCRIPTION_ORDER_SQL, field) ? SUBSCRIPTION_ORDER_SQL[field] : null
  if (!sql) return "created_at desc, id desc"
  const direction = descending ? "desc" : "asc"
  return `${sql} ${direction}, id ${direction}`
}

class ReplenishmentModuleService extends MedusaService({
  ReplenishmentPlan,
  Subscription,
  SubscriptionRun,
  SubscriptionEvent,
  ReplenishmentPrediction,
  ReplenishmentTickLease,
}) {
  readonly options: ReplenishmentOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(replenishmentOptionsSchema, options)
  }

  // ---------------------------------------------------------------------------------------
  // Links

  signSubscriptionLink(claims: SubscriptionLinkClaims, now = new Date()): string {
    return signToken(SUBSCRIPTION_LINK_PURPOSE, claims, this.options.tokenSecret, this.options.replenishment.linkTtlDays * 86400, now)
  }

  verifySubscriptionLink(token: unknown, now = new Date()): VerifyResult<SubscriptionLinkClaims> {
    return verifyToken<SubscriptionLinkClaims>(token, SUBSCRIPTION_LINK_PURPOSE, this.options.tokenSecret, now)
  }

  signReorderLink(claims: ReorderLinkClaims, now = new Date()): string {
    return signToken(REORDER_LINK_PURPOSE, claims, this.options.tokenSecret, this.options.replenishment.linkTtlDays * 86400, now)
  }

  verifyReorderLink(token: unknown, now = new Date()): VerifyResult<ReorderLinkClaims> {
    return verifyToken<ReorderLinkClaims>(token, REORDER_LINK_PURPOSE, this.options.tokenSecret, now)
  }

  /** The public page behind a subscription email's link (GET shows, POST acts). */
  actionUrl(subscriptionId: string, action: SubscriptionLinkClaims["a"], period: string, now = new Date()): string {
    const token = this.signSubscriptionLink({ s: subscriptionId, a: action, d: period }, now)
    return `${this.options.publicUrl.replace(/\/$/, "")}/retention/subscriptions/${action}?token=${encodeURIComponent(token)}`
  }

  // ---------------------------------------------------------------------------------------
  // Plans

  /** The plan that applies to a variant: its own, else its product's; only active plans. */
  @InjectManager()
  async planForVariant(input: { product_id: string; variant_id: string }, @MedusaContext() sharedContext: Context = {}) {
    const plans = await this.listReplenishmentPlans(
      { product_id: input.product_id, active: true },
      {},
      sharedContext
    )
    return plans.find((p) => p.variant_id === input.variant_id) ?? plans.find((p) => !p.variant_id) ?? null
  }

  // ---------------------------------------------------------------------------------------
  // Subscriptions

  /**
   * Creates a subscription with its "created" history entry. From an order item, the unique
   * (origin_order_id, origin_item_id) makes a second delivery of the same event change nothing.
   */
  @InjectTransactionManager()
  async createSubscription(
    input: CreateSubscriptionInput,
    actor: Actor,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: boolean; id: string }> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.origin_item_id) {
      const [existing] = await manager.execute(
        `select id from retention_subscription where origin_order_id = ? and origin_item_id = ? and deleted_at is null`,
        [input.origin_order_id, input.origin_item_id]
      )
      if (existing) return { created: false, id: String(existing.id) }
    }
    const [created] = await this.createSubscriptions(
      [
        {
          customer_id: input.customer_id,
          email: input.email.trim().toLowerCase(),
          items: asJson(input.items),
          interval: input.interval,
          next_run_at: input.first_run_at,
          period_at: input.first_run_at,
          status: "active",
          region_id: input.region_id,
          currency_code: input.currency_code.toLowerCase(),
          sales_channel_id: input.sales_channel_id,
          shipping_address: asJson(input.shipping_address),
          shipping_option_id: input.shipping_option_id,
          payment_provider_id: input.payment_provider_id,
          payment_reference: input.payment_reference ?? null,
          discount_percent: input.discount_percent,
          renewal_value: input.renewal_value ?? null,
          locale: input.locale ?? null,
          origin_order_id: input.origin_order_id ?? null,
          origin_item_id: input.origin_item_id ?? null,
        },
      ],
      sharedContext
    )
    await this.record(created.id, actor, "created", { interval: input.interval, origin_order_id: input.origin_order_id ?? null }, sharedContext)
    return { created: true, id: created.id }
  }

  /** Appends to a subscription's history. */
  @InjectTransactionManager()
  async record(
    subscriptionId: string,
    actor: Actor,
    action: string,
    detail: Record<string, unknown> | null,
    @MedusaContext() sharedContext: Context = {}
  ) {
    await this.createSubscriptionEvents(
      [{ subscription_id: subscriptionId, actor_type: actor.type, actor_id: actor.id ?? null, action, detail: detail ? asJson(detail) : null }],
      sharedContext
    )
  }

  /**
   * Applies one action through the state machine under a row lock (so a customer's pause and a
   * renewal tick never interleave), stores the new state and records who did it. A refused
   * action throws INVALID_DATA naming the field, and changes nothing.
   */
  @InjectTransactionManager()
  async applyAction(
    input: { id: string; action: SubscriptionAction; actor: Actor; now?: Date; detail?: Record<string, unknown> },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const now = input.now ?? new Date()
    const [row] = await manager.execute(
      `select id, status, next_run_at, period_at, paused_until, interval from retention_subscription where id = ? and deleted_at is null for update`,
      [input.id]
    )
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `subscription ${input.id} not found`)
    const state: SubscriptionState = {
      status: row.status as SubscriptionStatus,
      next_run_at: new Date(row.next_run_at as string),
      period_at: new Date(row.period_at as string),
      paused_until: row.paused_until ? new Date(row.paused_until as string) : null,
      interval: String(row.interval),
    }
    const result = transition(state, input.action, now)
    if (!result.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${result.field}: ${result.message}`)
    const next = result.state
    await manager.execute(
      `update retention_subscription set status = ?, next_run_at = ?, period_at = ?, paused_until = ?, interval = ?,
         canceled_at = case when ? = 'canceled' then coalesce(canceled_at, now()) else canceled_at end,
         cancel_reason = case when ? = 'canceled' then coalesce(?, cancel_reason) else cancel_reason end,
         skipped_count = skipped_count + ?, renewal_count = renewal_count + ?,
         updated_at = now()
       where id = ?`,
      [
        next.status,
        next.next_run_at.toISOString(),
        next.period_at.toISOString(),
        next.paused_until ? next.paused_until.toISOString() : null,
        next.interval,
        next.status,
        next.status,
        (input.detail?.reason as string | undefined) ?? null,
        input.action.type === "skip" || input.action.type === "period_skipped" ? 1 : 0,
        input.action.type === "renewed" ? 1 : 0,
        input.id,
      ]
    )
    await this.record(input.id, input.actor, ACTION_NAMES[input.action.type], { ...eventDetail(input.action), ...(input.detail ?? {}) }, sharedContext)
    return { before: state, after: next }
  }

  /** Moves the next attempt of a subscription (payment retry, out-of-stock postponement). */
  @InjectManager()
  async setNextRunAt(input: { id: string; at: Date }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlManager
    await manager.execute(`update retention_subscription set next_run_at = ?, updated_at = now() where id = ? and deleted_at is null`, [
      input.at.toISOString(),
      input.id,
    ])
  }

  /** Resumes paused subscriptions whose pause has ended. Returns their ids. */
  @InjectManager()
  async dueResumptions(input: { now: Date; limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `select id from retention_subscription where status = 'paused' and paused_until is not null and paused_until <= ? and deleted_at is null
       order by paused_until limit ?`,
      [input.now.toISOString(), input.limit]
    )
    return rows.map((r) => String(r.id))
  }

  // ---------------------------------------------------------------------------------------
  // Runs

  /**
   * The run of a subscription's current period, created on first sight. The unique key makes a
   * second tick, a crash and a retry find the same row.
   */
  @InjectTransactionManager()
  async ensureRun(
    input: { subscription_id: string; period_at: Date; trigger?: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const period = periodOf(input.period_at)
    const key = runKey(input.subscription_id, period)
    await manager.execute(
      `insert into retention_subscription_run (id, subscription_id, key, period, scheduled_for, status, trigger, attempts, postponements, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'pending', ?, 0, 0, now(), now())
       on conflict (key) where deleted_at is null do nothing`,
      [newRunId(), input.subscription_id, key, period, input.period_at.toISOString(), input.trigger ?? "schedule"]
    )
    const [run] = await this.listSubscriptionRuns({ key }, {}, sharedContext)
    return run
  }

  // ---------------------------------------------------------------------------------------
  // Scheduler

  /**
   * Takes the scheduler's lease (one conditional upsert) and, if taken, reads the due
   * subscriptions. Null when another tick holds the lease.
   */
  @InjectManager()
  async startTick(
    input: { name: string; holder: string; leaseSeconds: number; now: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[] | null> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `with lease as (
         insert into retention_replenishment_tick_lease (id, holder, expires_at, created_at, updated_at)
         values (?, ?, now() + make_interval(secs => ?), now(), now())
         on conflict (id) do update set holder = excluded.holder, expires_at = excluded.expires_at, updated_at = now()
         where retention_replenishment_tick_lease.expires_at <= now()
         returning holder
       )
       select (select holder from lease) as holder,
              case when exists (select 1 from lease) then (select string_agg(d.id, ',') from (${DUE_SUBSCRIPTIONS_SQL}) d) end as ids`,
      [input.name, input.holder, input.leaseSeconds, input.now.toISOString(), input.limit]
    )
    const row = rows[0]
    if (!row || row.holder !== input.holder) return null
    return row.ids ? String(row.ids).split(",") : []
  }

  /** More due subscriptions for a tick that still has time (the lease is already held). */
  @InjectManager()
  async dueSubscriptionIds(input: { now: Date; limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(DUE_SUBSCRIPTIONS_SQL, [input.now.toISOString(), input.limit])
    return rows.map((r) => String(r.id))
  }

  @InjectManager()
  async endTick(input: { name: string; holder: string }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlManager
    await manager.execute(`update retention_replenishment_tick_lease set expires_at = now(), updated_at = now() where id = ? and holder = ?`, [
      input.name,
      input.holder,
    ])
  }

  /** Active subscriptions whose reminder for the current period is due and not yet sent. */
  @InjectManager()
  async dueReminders(input: { now: Date; days: number; limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (input.days <= 0) return []
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `select id from retention_subscription s
       where s.status = 'active' and s.deleted_at is null
         and s.next_run_at <= ?::timestamptz + make_interval(days => ?) and s.next_run_at > ?
         and s.period_at = s.next_run_at
         and (s.reminded_period is null or s.reminded_period <> to_char(s.period_at at time zone 'UTC', 'YYYY-MM-DD'))
       order by s.next_run_at limit ?`,
      [input.now.toISOString(), input.days, input.now.toISOString(), input.limit]
    )
    return rows.map((r) => String(r.id))
  }

  // ---------------------------------------------------------------------------------------
  // Predicted replenishment ("running low?")

  /**
   * Claims predicted cycles for sending: inserts their rows unless the key is already there.
   * Returns the keys this call inserted; a concurrent pass or a later one gets none of them, so
   * each cycle is emailed once.
   */
  @InjectTransactionManager()
  async claimPredictions(
    rows: { key: string; customer_id: string; variant_id: string; last_order_id: string; predicted_run_out_at: Date; interval_days: number; basis: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!rows.length) return []
    const manager = sharedContext.transactionManager as SqlManager
    const values = rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, now(), now())").join(", ")
    const params = rows.flatMap((r) => [
      generateEntityId(undefined, "rpred"),
      r.key,
      r.customer_id,
      r.variant_id,
      r.last_order_id,
      r.predicted_run_out_at.toISOString(),
      Math.max(1, Math.round(r.interval_days)),
      r.basis,
    ])
    const inserted = await manager.execute(
      `insert into retention_replenishment_prediction (id, key, customer_id, variant_id, last_order_id, predicted_run_out_at, interval_days, basis, created_at, updated_at)
       values ${values}
       on conflict (key) where deleted_at is null do nothing
       returning key`,
      params
    )
    return inserted.map((r) => String(r.key))
  }

  /** Gives claimed cycles back (their email could not be queued), so the next pass tries again. */
  @InjectTransactionManager()
  async releasePredictions(keys: string[], @MedusaContext() sharedContext: Context = {}) {
    if (!keys.length) return
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(`delete from retention_replenishment_prediction where key in (${keys.map(() => "?").join(", ")})`, keys)
  }

  @InjectTransactionManager()
  async setPredictionFields(keys: string[], fields: { message_id?: string | null; cart_id?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    if (!keys.length) return
    const manager = sharedContext.transactionManager as SqlManager
    const sets = Object.keys(fields).filter((k) => k === "message_id" || k === "cart_id")
    if (!sets.length) return
    await manager.execute(
      `update retention_replenishment_prediction set ${sets.map((k) => `${k} = ?`).join(", ")}, updated_at = now()
       where key in (${keys.map(() => "?").join(", ")}) and deleted_at is null`,
      [...sets.map((k) => (fields as Record<string, unknown>)[k] ?? null), ...keys]
    )
  }

  /** The email's reorder link for a customer's predicted items (`key`: the cycle that sent it). */
  reorderUrl(input: { customer_id: string; variant_ids: string[]; key: string }, now = new Date()): string {
    const token = this.signReorderLink({ c: input.customer_id, v: input.variant_ids, k: input.key }, now)
    return `${this.options.publicUrl.replace(/\/$/, "")}/retention/reorder?token=${encodeURIComponent(token)}`
  }

  // ---------------------------------------------------------------------------------------
  // Admin

  /** Creates or replaces the plan of a product (variant_id null) or of one variant. */
  @InjectTransactionManager()
  async upsertPlan(
    input: {
      product_id: string
      variant_id: string | null
      intervals: string[]
      default_interval: string
      discount_percent: number | null
      min_orders: number
      active: boolean
    },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    // Two saves of the same product at once must not make two plans (a null variant is not
    // covered by the unique index): one advisory lock per product.
    await manager.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`retention_plan:${input.product_id}`])
    const [existing] = await this.listReplenishmentPlans({ product_id: input.product_id, variant_id: input.variant_id }, { take: 1 }, sharedContext)
    const values = { ...input, intervals: JSON.parse(JSON.stringify(input.intervals)) }
    if (existing) {
      const [updated] = await this.updateReplenishmentPlans([{ id: existing.id, ...values }], sharedContext)
      return updated
    }
    const [created] = await this.createReplenishmentPlans([values], sharedContext)
    return created
  }

  /** The admin list: filters on status, customer, product (any item) and part of the email. */
  @InjectManager()
  async searchSubscriptions(
    input: {
      status?: string
      customer_id?: string
      product_id?: string
      q?: string
      // A field of SUBSCRIPTION_ORDER_FIELDS, "-" for descending; newest first by default.
      order?: string
      limit: number
      offset: number
    },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.manager as SqlManager
    const where = ["deleted_at is null"]
    const params: unknown[] = []
    if (input.status) {
      where.push("status = ?")
      params.push(input.status)
    }
    if (input.customer_id) {
      where.push("customer_id = ?")
      params.push(input.customer_id)
    }
    if (input.product_id) {
      where.push("items @> ?::jsonb")
      params.push(JSON.stringify([{ product_id: input.product_id }]))
    }
    if (input.q) {
      where.push("email like ? escape '\\'")
      params.push(`%${input.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    const rows = await manager.execute(
      `select id, count(*) over () as total from retention_subscription where ${where.join(" and ")}
       order by ${subscriptionOrderSql(input.order)} limit ? offset ?`,
      [...params, input.limit, input.offset]
    )
    const ids = rows.map((r) => String(r.id))
    let count = rows.length ? Number(rows[0].total) : 0
    if (!rows.length && input.offset > 0) {
      const [c] = await manager.execute(`select count(*) as total from retention_subscription where ${where.join(" and ")}`, params)
      count = Number(c?.total ?? 0)
    }
    const found = ids.length ? await this.listSubscriptions({ id: ids }, { take: ids.length }, sharedContext) : []
    const byId = new Map(found.map((r) => [r.id, r]))
    return { rows: ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => !!r), count }
  }

  // ---------------------------------------------------------------------------------------
  // Figures

  /** KPIs for the admin: counts by status, 30-day churn, payment failures. */
  @InjectManager()
  async statusCounts(input: { now: Date }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlManager
    const [row] = await manager.execute(
      `select
         count(*) filter (where status = 'active') as active,
         count(*) filter (where status = 'paused') as paused,
         count(*) filter (where status = 'payment_failed') as payment_failed,
         count(*) filter (where status = 'canceled') as canceled,
         count(*) filter (where status = 'canceled' and canceled_at >= ?::timestamptz - interval '30 days') as canceled_30d,
         count(*) filter (where created_at < ?::timestamptz - interval '30 days' and (canceled_at is null or canceled_at >= ?::timestamptz - interval '30 days')) as base_30d
       from retention_subscription where deleted_at is null`,
      [input.now.toISOString(), input.now.toISOString(), input.now.toISOString()]
    )
    const n = (v: unknown) => Number(v ?? 0)
    return {
      active: n(row?.active),
      paused: n(row?.paused),
      payment_failed: n(row?.payment_failed),
      canceled: n(row?.canceled),
      canceled_30d: n(row?.canceled_30d),
      base_30d: n(row?.base_30d),
    }
  }
  /**
   * The admin's figures. Recurring revenue normalises each interval to a month (30.4375 days)
   * from each subscription's renewal value; churn is cancellations in the last 30 days over the
   * subscriptions that were live 30 days ago.
   */
  @InjectManager()
  async stats(input: { now: Date }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlManager
    const counts = await this.statusCounts(input, sharedContext)
    const days = `(case right(interval, 1) when 'd' then left(interval, -1)::numeric when 'w' then left(interval, -1)::numeric * 7
                   else left(interval, -1)::numeric * 30.4375 end)`
    const mrr = await manager.execute(
      `select currency_code, sum(coalesce(renewal_value, 0) * 30.4375 / ${days}) as amount
       from retention_subscription where status = 'active' and deleted_at is null group by currency_code order by currency_code`
    )
    const due = await manager.execute(
      `select currency_code, count(*) as n, sum(coalesce(renewal_value, 0)) as amount
       from retention_subscription where status = 'active' and deleted_at is null and period_at <= ?::timestamptz + interval '7 days'
       group by currency_code order by currency_code`,
      [input.now.toISOString()]
    )
    const money = (rows: Row[]) => rows.map((r) => ({ currency_code: String(r.currency_code), amount: Math.round(Number(r.amount ?? 0) * 100) / 100 }))
    return {
      active: counts.active,
      paused: counts.paused,
      payment_failed: counts.payment_failed,
      canceled_30d: counts.canceled_30d,
      churn_30d: counts.base_30d > 0 ? counts.canceled_30d / counts.base_30d : null,
      mrr: money(mrr),
      due_7d: { count: due.reduce((s, r) => s + Number(r.n), 0), value: money(due) },
    }
  }
}

const ACTION_NAMES: Record<SubscriptionAction["type"], string> = {
  skip: "skipped",
  pause: "paused",
  resume: "resumed",
  cancel: "canceled",
  change_interval: "interval_changed",
  renewed: "renewed",
  period_skipped: "period_skipped",
  payment_failed_final: "payment_failed",
  payment_updated: "payment_updated",
  run_now: "run_now",
}

function eventDetail(action: SubscriptionAction): Record<string, unknown> {
  switch (action.type) {
    case "pause":
      return { until: action.until ? action.until.toISOString() : null }
    case "change_interval":
      return { interval: action.interval }
    default:
      return {}
  }
}

const newRunId = () => generateEntityId(undefined, "rrun")

export default ReplenishmentModuleService

/** A subscription's items (a JSON column: typed as an object by the DML, stored as an array). */
export function subscriptionItems(sub: { items: unknown }): SubscriptionItem[] {
  return Array.isArray(sub.items) ? (sub.items as SubscriptionItem[]) : []
}
