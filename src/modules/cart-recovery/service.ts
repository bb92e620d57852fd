import { parsePluginOptions } from "../../lib/plugin-options"
import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { giveBackTickLease, takeTickLease } from "../../lib/flow-engine/tick-lease"
import { signToken, verifyToken, VerifyResult } from "../../lib/signed-token"
import { CreateCampaignInput, DEFAULT_CAMPAIGN, UpdateCampaignInput } from "./campaign-config"
import { RecoveryCampaign } from "./models/recovery-campaign"
import { RecoverySend } from "./models/recovery-send"
import { RecoveryTickLease } from "./models/tick-lease"
import { TrackedCart } from "./models/tracked-cart"
import { CartRecoveryOptions, cartRecoveryOptionsSchema, RECOVERY_LINK_PURPOSE } from "./options"
import { discountCode } from "./sequence"

type SqlManager = {
  execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>
  getKnex: () => Knex
}
type Knex = { raw: (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

// c: cart id, st: step number (1-based).
export type RecoveryLinkClaims = { c: string; st: number }

export type CampaignStats = {
  campaign_id: string
  tracked: number
  abandoned: number
  emailed_carts: number
  holdout_carts: number
  sends: number
  opens: number
  clicks: number
  recoveries: number
  holdout_conversions: number
  revenue: Record<string, number>
  recovery_rate: number | null
  holdout_rate: number | null
  incremental_recovery: number | null
  by_step: { step: number; variant: number; sends: number; opens: number; clicks: number; recoveries: number; revenue: Record<string, number> }[]
  // Last 30 days, oldest first: emails sent and carts recovered per UTC day.
  daily: { day: string; sends: number; recoveries: number }[]
  // Filled by the admin route (heldBack): steps held by the send policy now, or skipped.
  held_back?: { step: number; status: "deferred" | "skipped"; reason: string; count: number; next_at: Date | null }[]
}

// Due carts of active campaigns, oldest due first, through the partial index on next_action_at
// (statuses that can still be due). Params: now, limit.
const DUE_CARTS_SQL = `select c.id from retention_tracked_cart c
  where c.status in ('active', 'abandoned', 'emailed') and c.next_action_at <= ? and c.deleted_at is null
    and c.campaign_id in (select id from retention_recovery_campaign where status = 'active' and deleted_at is null)
  order by c.next_action_at
  limit ?`

// The DML types a JSON column as an object, but an array is JSON too: a JSON round trip stores
// exactly what was validated, with the column's type.
const asJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value))

// A tracked cart (c, campaign k) whose sequence is over and whose attribution window closed
// more than the margin ago. Params: now, margin days.
const PRUNABLE_SEQUENCE = `c.status in ('recovered', 'converted', 'expired', 'opted_out') and c.deleted_at is null
  and greatest(c.updated_at, c.last_activity_at, c.last_sent_at, c.ordered_at)
      < ?::timestamptz - make_interval(days => coalesce(k.attribution_window_days, 7) + ?)`

/** Adds what pruned carts and sends counted (retention_recovery_rollup rows) to a campaign's figures. */
function addRollups(stat: CampaignStats, rows: Record<string, unknown>[]) {
  if (!rows.length) return
  const n = (v: unknown) => Number(v ?? 0)
  const stepRow = (step: number, variant: number) => {
    let row = stat.by_step.find((b) => b.step === step && b.variant === variant)
    if (!row) {
      row = { step, variant, sends: 0, opens: 0, clicks: 0, recoveries: 0, revenue: {} }
      stat.by_step.push(row)
    }
    return row
  }
  for (const r of rows) {
    const bucket = String(r.bucket)
    if (bucket === "carts") {
      stat.tracked += n(r.tracked)
      stat.abandoned += n(r.abandoned)
      stat.emailed_carts += n(r.emailed_carts)
      stat.holdout_carts += n(r.holdout_carts)
      stat.recoveries += n(r.recoveries)
      stat.holdout_conversions += n(r.holdout_conversions)
    } else if (bucket.startsWith("sends:")) {
      stat.sends += n(r.sends)
      stat.opens += n(r.opens)
      stat.clicks += n(r.clicks)
      const row = stepRow(n(r.step), n(r.variant))
      row.sends += n(r.sends)
      row.opens += n(r.opens)
      row.clicks += n(r.clicks)
    } else if (bucket.startsWith("revenue:")) {
      const currency = String(r.currency_code)
      stat.revenue[currency] = (stat.revenue[currency] ?? 0) + n(r.revenue)
      if (r.step === null || r.step === undefined) continue
      const row = stepRow(n(r.step), n(r.variant))
      row.recoveries += n(r.recoveries)
      row.revenue[currency] = (row.revenue[currency] ?? 0) + n(r.revenue)
    }
  }
  stat.by_step.sort((a, b) => a.step - b.step || a.variant - b.variant)
}

class CartRecoveryModuleService extends MedusaService({ RecoveryCampaign, TrackedCart, RecoverySend, RecoveryTickLease }) {
  readonly options: CartRecoveryOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(cartRecoveryOptionsSchema, options)
  }

  // ---------------------------------------------------------------------------------------
  // Links and codes

  recoveryUrl(claims: RecoveryLinkClaims, now = new Date()): string {
    const token = signToken(RECOVERY_LINK_PURPOSE, claims, this.options.tokenSecret, this.options.cartRecovery.linkTtlDays * 86400, now)
    return `${this.options.publicUrl.replace(/\/$/, "")}/retention/cart-recovery/open?token=${encodeURIComponent(token)}`
  }

  verifyRecoveryToken(token: unknown, now = new Date()): VerifyResult<RecoveryLinkClaims> {
    return verifyToken<RecoveryLinkClaims>(token, RECOVERY_LINK_PURPOSE, this.options.tokenSecret, now)
  }

  /**
   * The storefront URL the recovery link redirects to. `storefrontUrl` is Brand → Storefront
   * URL as saved in the settings (the caller reads it: a module does not call another's
   * service); the plugin option only seeds that setting.
   */
  storefrontUrl(values: { cart_id: string; code: string | null; token: string; storefrontUrl: string }): string {
    const base = values.storefrontUrl.replace(/\/$/, "")
    const pattern = this.options.cartRecovery.storefrontCartUrl ?? `${base}/cart/recover?cart_id={cart_id}&code={code}&token={token}`
    return pattern
      .replace(/\{cart_id\}/g, encodeURIComponent(values.cart_id))
      .replace(/\{code\}/g, encodeURIComponent(values.code ?? ""))
      .replace(/\{token\}/g, encodeURIComponent(values.token))
  }

  discountCodeFor(cartId: string, step: number): string {
    return discountCode(this.options.tokenSecret, cartId, step)
  }

  // ---------------------------------------------------------------------------------------
  // Campaigns

  /** Creates a campaign from input validated by `createCampaignSchema`. */
  async createCampaign(input: CreateCampaignInput) {
    return await this.createRecoveryCampaigns({
      ...input,
      // A new campaign goes last; the merchant moves it up.
      priority: (await this.maxPriority()) + 1,
      steps: asJson(input.steps),
      filters: asJson(input.filters),
      discount_budget: input.discount_budget ? asJson(input.discount_budget) : null,
      quiet_hours: input.quiet_hours ? asJson(input.quiet_hours) : null,
    })
  }

  private async maxPriority(): Promise<number> {
    const [last] = await this.listRecoveryCampaigns({}, { select: ["priority"], order: { priority: "DESC" }, take: 1 })
    return last ? Number(last.priority ?? 0) : 0
  }

  /** A draft copy of a campaign (steps, audience, rules), last in priority, never the default. */
  async duplicateCampaign(id: string) {
    const [source] = await this.listRecoveryCampaigns({ id })
    if (!source) return null
    return await this.createRecoveryCampaigns({
      name: `${source.name} (copy)`.slice(0, 200),
      status: "draft",
      steps: asJson(source.steps),
      filters: source.filters ? asJson(source.filters) : null,
      holdout_percent: source.holdout_percent,
      attribution_window_days: source.attribution_window_days,
      cap_per_address: source.cap_per_address,
      cap_window_hours: source.cap_window_hours,
      on_activity: source.on_activity,
      max_attempts: source.max_attempts,
      on_step_failure: source.on_step_failure,
      discount_budget: source.discount_budget ? asJson(source.discount_budget) : null,
      quiet_hours: source.quiet_hours ? asJson(source.quiet_hours) : null,
      is_default: false,
      priority: (await this.maxPriority()) + 1,
    })
  }

  /**
   * Sets the priority order of campaigns: `ids` first to last. Every campaign must be named once
   * (so a stale list in another tab cannot silently drop one).
   */
  @InjectTransactionManager()
  async reorderCampaigns(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<{ ok: true } | { ok: false; message: string }> {
    const all = await this.listRecoveryCampaigns({}, { select: ["id"] }, sharedContext)
    const known = new Set(all.map((c) => c.id))
    if (new Set(ids).size !== ids.length) return { ok: false, message: "ids: a campaign is listed twice" }
    const unknown = ids.find((id) => !known.has(id))
    if (unknown) return { ok: false, message: `ids: campaign ${unknown} not found` }
    if (ids.length !== known.size) return { ok: false, message: `ids: list every campaign (${known.size}), in the new order` }
    await this.updateRecoveryCampaigns(ids.map((id, index) => ({ id, priority: index + 1 })), sharedContext)
    return { ok: true }
  }

  /** Applies an update validated by `updateCampaignSchema`. */
  async updateCampaign(id: string, input: UpdateCampaignInput) {
    const { steps, filters, discount_budget, quiet_hours, ...rest } = input
    return await this.updateRecoveryCampaigns({
      id,
      ...rest,
      ...(steps ? { steps: asJson(steps) } : {}),
      ...(filters ? { filters: asJson(filters) } : {}),
      ...(discount_budget !== undefined ? { discount_budget: discount_budget ? asJson(discount_budget) : null } : {}),
      ...(quiet_hours !== undefined ? { quiet_hours: quiet_hours ? asJson(quiet_hours) : null } : {}),
    })
  }

  /**
   * Creates the plugin's default campaign unless the store has any campaign. A partial unique
   * index on `is_default` keeps two concurrent callers from creating two.
   */
  @InjectTransactionManager()
  async ensureDefaultCampaign(@MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(
      `insert into retention_recovery_campaign (id, name, status, steps, filters, holdout_percent,
         attribution_window_days, cap_per_address, cap_window_hours, on_activity, max_attempts,
         on_step_failure, discount_budget, is_default, created_at, updated_at)
       select 'rcamp_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, null, true, now(), now()
       where not exists (select 1 from retention_recovery_campaign)
       on conflict do nothing`,
      [
        DEFAULT_CAMPAIGN.name,
        DEFAULT_CAMPAIGN.status,
        JSON.stringify(DEFAULT_CAMPAIGN.steps),
        JSON.stringify(DEFAULT_CAMPAIGN.filters),
        DEFAULT_CAMPAIGN.holdout_percent,
        DEFAULT_CAMPAIGN.attribution_window_days,
        DEFAULT_CAMPAIGN.cap_per_address,
        DEFAULT_CAMPAIGN.cap_window_hours,
        DEFAULT_CAMPAIGN.on_activity,
        DEFAULT_CAMPAIGN.max_attempts,
        DEFAULT_CAMPAIGN.on_step_failure,
      ]
    )
  }

  // ---------------------------------------------------------------------------------------
  // Scheduler

  /**
   * Ids of due carts of active campaigns, oldest due first: an index range scan on
   * the partial next_action_at index that reads only due rows, however many carts are tracked.
   */
  @InjectManager()
  async listDueCartIds(input: { now: Date; limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(`${DUE_CARTS_SQL}`, [input.now.toISOString(), input.limit])
    return rows.map((r) => String(r.id))
  }

  /**
   * Starts a scheduler tick: the engine's lease (takeTickLease) on this module's lease table, and
   * only for the tick that gets it the due carts (`listDueCartIds`'s query). Null: another tick
   * holds the lease.
   */
  async startTick(input: { name: string; holder: string; leaseSeconds: number; now: Date; limit: number }): Promise<string[] | null> {
    return await takeTickLease(this.tickKnex(), "retention_recovery_tick_lease", DUE_CARTS_SQL, input)
  }

  /** Ends a tick: gives the lease back if `holder` still has it (an expired one may have passed on). */
  async endTick(input: { name: string; holder: string }): Promise<void> {
    await giveBackTickLease(this.tickKnex(), "retention_recovery_tick_lease", input)
  }

  // The scheduler's two statements run every minute on their own (never inside a caller's
  // transaction), straight through the module's connection pool: an ORM round trip costs more
  // than the statements themselves. The pool's query builder is the same for every manager.
  private tickKnex_?: Knex

  private tickKnex(): Knex {
    const repository = (this as unknown as { baseRepository_: { getFreshManager: () => SqlManager } }).baseRepository_
    return (this.tickKnex_ ??= repository.getFreshManager().getKnex())
  }

  /**
   * Puts a cart whose run failed back for later, unless the run already gave it another time
   * (a later step, the end of quiet hours) or ended it: only a cart still due at `dueAt` moves.
   */
  @InjectManager()
  async postponeIfStillDue(input: { id: string; dueAt: Date; until: Date }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.manager as SqlManager
    await manager.execute(
      `update retention_tracked_cart set next_action_at = ?, updated_at = now()
       where id = ? and next_action_at <= ? and deleted_at is null`,
      [input.until.toISOString(), input.id, input.dueAt.toISOString()]
    )
  }

  /** Times this campaign emailed an address recently (for the per-campaign cap). */
  @InjectManager()
  async recentSendTimes(
    input: { email: string; campaign_id: string; since: Date; exclude_cart_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Date[]> {
    const manager = sharedContext.manager as SqlManager
    // The cap is between sequences (several carts of one address), not within one: a cart's own
    // steps are spaced by their delays, and counting them would push the default 24 h step to
    // 25 h (1 h after the first step's 24 h window ends).
    const rows = await manager.execute(
      `select sent_at from retention_recovery_send
       where email = ? and campaign_id = ? and status = 'sent' and sent_at >= ? and deleted_at is null
         and (?::text is null or cart_id <> ?::text)`,
      [input.email, input.campaign_id, input.since.toISOString(), input.exclude_cart_id ?? null, input.exclude_cart_id ?? null]
    )
    return rows.map((r) => new Date(String(r.sent_at)))
  }

  /** Counts a click on a recovery link; the first click sets clicked_at. */
  @InjectTransactionManager()
  async recordClick(input: { send_id: string; at: Date }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(
      `update retention_recovery_send set click_count = click_count + 1, clicked_at = coalesce(clicked_at, ?), updated_at = now()
       where id = ?`,
      [input.at.toISOString(), input.send_id]
    )
  }

  // ---------------------------------------------------------------------------------------
  // Data retention

  /**
   * Finished sequences (recovered, converted, expired, opted out) whose campaign's attribution
   * window closed more than `marginDays` ago, in id order after `after`. Every timestamp of the
   * row must be past the cut-off: the last email, the order, the last activity and the last
   * change.
   */
  @InjectManager()
  async listPrunableSequences(
    input: { now: Date; marginDays: number; after: string | null; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `select c.id from retention_tracked_cart c
       left join retention_recovery_campaign k on k.id = c.campaign_id
       where c.id > ? and ${PRUNABLE_SEQUENCE}
       order by c.id limit ?`,
      [input.after ?? "", input.now.toISOString(), input.marginDays, input.limit]
    )
    return rows.map((r) => String(r.id))
  }

  /**
   * Deletes these finished sequences with their sends, after checking again that each may go
   * (nothing open, nothing an order could still be attributed to). What they counted in the
   * campaign statistics is added to retention_recovery_rollup in the same transaction, so the
   * campaign page reads the same and a second run finds nothing to do. Rows locked by a running
   * tick are skipped (next run).
   */
  @InjectTransactionManager()
  async pruneFinishedSequences(
    input: { now: Date; marginDays: number; ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ carts: number; sends: number }> {
    if (!input.ids.length) return { carts: 0, sends: 0 }
    const manager = sharedContext.transactionManager as SqlManager
    const doomed = await manager.execute(
      `select c.id, c.cart_id from retention_tracked_cart c
       left join retention_recovery_campaign k on k.id = c.campaign_id
       where c.id in (select jsonb_array_elements_text(?::jsonb)) and ${PRUNABLE_SEQUENCE}
       for update of c skip locked`,
      [JSON.stringify(input.ids), input.now.toISOString(), input.marginDays]
    )
    if (!doomed.length) return { carts: 0, sends: 0 }
    const ids = JSON.stringify(doomed.map((r) => String(r.id)))
    const cartIds = JSON.stringify(doomed.map((r) => String(r.cart_id)))
    const newId = `'rroll_' || replace(gen_random_uuid()::text, '-', '')`
    await manager.execute(
      `insert into retention_recovery_rollup as r
         (id, campaign_id, bucket, tracked, abandoned, emailed_carts, holdout_carts, recoveries, holdout_conversions, created_at, updated_at)
       select ${newId}, campaign_id, 'carts', count(*),
         count(*) filter (where abandoned_at is not null),
         count(*) filter (where not holdout and last_sent_at is not null),
         count(*) filter (where holdout and abandoned_at is not null),
         count(*) filter (where status = 'recovered'),
         count(*) filter (where holdout and abandoned_at is not null and order_id is not null and ordered_at >= abandoned_at),
         now(), now()
       from retention_tracked_cart where id in (select jsonb_array_elements_text(?::jsonb)) and campaign_id is not null
       group by campaign_id
       on conflict (campaign_id, bucket) where deleted_at is null do update set
         tracked = r.tracked + excluded.tracked, abandoned = r.abandoned + excluded.abandoned,
         emailed_carts = r.emailed_carts + excluded.emailed_carts, holdout_carts = r.holdout_carts + excluded.holdout_carts,
         recoveries = r.recoveries + excluded.recoveries, holdout_conversions = r.holdout_conversions + excluded.holdout_conversions,
         updated_at = now()`,
      [ids]
    )
    await manager.execute(
      `insert into retention_recovery_rollup as r
         (id, campaign_id, bucket, step, variant, currency_code, recoveries, revenue, raw_revenue, created_at, updated_at)
       select ${newId}, campaign_id,
         'revenue:' || currency_code || ':' || coalesce(recovered_step::text, '-') || ':' || coalesce(recovered_variant::text, '-'),
         recovered_step, recovered_variant, currency_code, count(*), coalesce(sum(order_total), 0),
         jsonb_build_object('value', coalesce(sum(order_total), 0)::text, 'precision', 20), now(), now()
       from retention_tracked_cart
       where id in (select jsonb_array_elements_text(?::jsonb)) and campaign_id is not null and status = 'recovered'
       group by campaign_id, currency_code, recovered_step, recovered_variant
       on conflict (campaign_id, bucket) where deleted_at is null do update set
         recoveries = r.recoveries + excluded.recoveries, revenue = r.revenue + excluded.revenue,
         raw_revenue = jsonb_build_object('value', (r.revenue + excluded.revenue)::text, 'precision', 20), updated_at = now()`,
      [ids]
    )
    await manager.execute(
      `insert into retention_recovery_rollup as r (id, campaign_id, bucket, step, variant, sends, opens, clicks, created_at, updated_at)
       select ${newId}, s.campaign_id, 'sends:' || s.step || ':' || s.variant, s.step, s.variant, count(*),
         -- Opens as the campaign page counts them: on the send, or on its message (opensFromMessageLog).
         count(*) filter (where s.opened_at is not null or s.clicked_at is not null
           or exists (select 1 from retention_message m
                      where m.idempotency_key = s.idempotency_key and m.opened_at is not null and m.deleted_at is null)),
         count(*) filter (where s.clicked_at is not null), now(), now()
       from retention_recovery_send s
       where s.cart_id in (select jsonb_array_elements_text(?::jsonb)) and s.status = 'sent' and s.deleted_at is null
       group by s.campaign_id, s.step, s.variant
       on conflict (campaign_id, bucket) where deleted_at is null do update set
         sends = r.sends + excluded.sends, opens = r.opens + excluded.opens, clicks = r.clicks + excluded.clicks, updated_at = now()`,
      [cartIds]
    )
    const sends = await manager.execute(
      `delete from retention_recovery_send where cart_id in (select jsonb_array_elements_text(?::jsonb)) returning id`,
      [cartIds]
    )
    await manager.execute(`delete from retention_tracked_cart where id in (select jsonb_array_elements_text(?::jsonb))`, [ids])
    return { carts: doomed.length, sends: sends.length }
  }

  // ---------------------------------------------------------------------------------------
  // Reporting

  /**
   * Opens SendGrid reported on the message log for sends the recovery link did not already
   * count (no open or click recorded on the send), per campaign, step and variant. One
   * aggregate over the sends, probing the message log's unique key index per send: the answer
   * is a handful of rows however many messages were opened. (It reads the messaging module's
   * table read-only; loading every opened message per page view instead grew with the log.)
   */
  @InjectManager()
  async opensFromMessageLog(
    campaignIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ campaign_id: string; step: number; variant: number; opens: number }[]> {
    if (!campaignIds.length) return []
    const manager = sharedContext.manager as SqlManager
    const marks = campaignIds.map(() => "?").join(", ")
    const rows = await manager.execute(
      `select s.campaign_id, s.step, s.variant, count(*)::int as opens
       from retention_recovery_send s
       where s.campaign_id in (${marks}) and s.status = 'sent' and s.opened_at is null and s.clicked_at is null
         and s.deleted_at is null
         and exists (select 1 from retention_message m
                     where m.idempotency_key = s.idempotency_key and m.opened_at is not null and m.deleted_at is null)
       group by s.campaign_id, s.step, s.variant`,
      campaignIds
    )
    return rows.map((r) => ({ campaign_id: String(r.campaign_id), step: Number(r.step), variant: Number(r.variant), opens: Number(r.opens) }))
  }

  /**
   * What is holding the campaign's steps back, per step and reason: emails the send policy is
   * holding right now (frequency cap, quiet hours: `deferred` in the message log, sent when the
   * hold ends) and steps given up for good (`skipped`: out of stock, unsubscribed, suppressed).
   * Read-only on the message log, through its campaign index.
   */
  @InjectManager()
  async heldBack(
    campaignIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ campaign_id: string; step: number; status: "deferred" | "skipped"; reason: string; count: number; next_at: Date | null }[]> {
    if (!campaignIds.length) return []
    const manager = sharedContext.manager as SqlManager
    const marks = campaignIds.map(() => "?").join(", ")
    const rows = await manager.execute(
      `select campaign_id, substring(idempotency_key from ':([0-9]+)$')::int as step, 'deferred' as status,
         coalesce(status_reason, 'deferred') as reason, count(*)::int as count, min(next_attempt_at) as next_at
       from retention_message
       where campaign_id in (${marks}) and topic = 'cart_recovery' and status = 'deferred' and deleted_at is null
         and idempotency_key ~ ':[0-9]+$'
       group by 1, 2, 4
       union all
       select campaign_id, step, 'skipped', coalesce(status_reason, 'skipped'), count(*)::int, null
       from retention_recovery_send
       where campaign_id in (${marks}) and status = 'skipped' and deleted_at is null
       group by 1, 2, 4
       order by 2, 3, 5 desc`,
      [...campaignIds, ...campaignIds]
    )
    return rows.map((r) => ({
      campaign_id: String(r.campaign_id),
      step: Number(r.step),
      status: r.status === "deferred" ? "deferred" : "skipped",
      reason: String(r.reason),
      count: Number(r.count),
      next_at: r.next_at ? (r.next_at instanceof Date ? r.next_at : new Date(String(r.next_at))) : null,
    }))
  }

  @InjectManager()
  async campaignStats(campaignIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<CampaignStats[]> {
    if (!campaignIds.length) return []
    const manager = sharedContext.manager as SqlManager
    const marks = campaignIds.map(() => "?").join(", ")
    const carts = await manager.execute(
      `select campaign_id,
         count(*)::int as tracked,
         count(*) filter (where abandoned_at is not null)::int as abandoned,
         count(*) filter (where not holdout and last_sent_at is not null)::int as emailed_carts,
         count(*) filter (where holdout and abandoned_at is not null)::int as holdout_carts,
         count(*) filter (where status = 'recovered')::int as recoveries,
         count(*) filter (where holdout and abandoned_at is not null and order_id is not null
           and ordered_at >= abandoned_at)::int as holdout_conversions
       from retention_tracked_cart where campaign_id in (${marks}) and deleted_at is null group by campaign_id`,
      campaignIds
    )
    const revenue = await manager.execute(
      `select campaign_id, currency_code, recovered_step, recovered_variant, count(*)::int as recoveries,
         coalesce(sum(order_total), 0)::float as revenue
       from retention_tracked_cart where campaign_id in (${marks}) and status = 'recovered' and deleted_at is null
       group by campaign_id, currency_code, recovered_step, recovered_variant`,
      campaignIds
    )
    const sends = await manager.execute(
      `select campaign_id, step, variant, count(*)::int as sends,
         count(*) filter (where opened_at is not null or clicked_at is not null)::int as opens,
         count(*) filter (where clicked_at is not null)::int as clicks
       from retention_recovery_send where campaign_id in (${marks}) and status = 'sent' and deleted_at is null
       group by campaign_id, step, variant order by step, variant`,
      campaignIds
    )
    const days = await manager.execute(
      `select campaign_id, to_char(day, 'YYYY-MM-DD') as day, sum(sends)::int as sends, sum(recoveries)::int as recoveries from (
         select campaign_id, date_trunc('day', sent_at at time zone 'UTC') as day, 1 as sends, 0 as recoveries
         from retention_recovery_send where campaign_id in (${marks}) and status = 'sent' and sent_at >= now() - interval '30 days' and deleted_at is null
         union all
         select campaign_id, date_trunc('day', ordered_at at time zone 'UTC'), 0, 1
         from retention_tracked_cart where campaign_id in (${marks}) and status = 'recovered' and ordered_at >= now() - interval '30 days' and deleted_at is null
       ) x group by campaign_id, day order by day`,
      [...campaignIds, ...campaignIds]
    )
    // Figures of finished sequences the daily job already deleted (see pruneFinishedSequences).
    const rollups = await manager.execute(
      `select * from retention_recovery_rollup where campaign_id in (${marks}) and deleted_at is null`,
      campaignIds
    )
    return campaignIds.map((id) => {
      const c = carts.find((r) => r.campaign_id === id)
      const n = (v: unknown) => Number(v ?? 0)
      const stat: CampaignStats = {
        campaign_id: id,
        tracked: n(c?.tracked),
        abandoned: n(c?.abandoned),
        emailed_carts: n(c?.emailed_carts),
        holdout_carts: n(c?.holdout_carts),
        sends: 0,
        opens: 0,
        clicks: 0,
        recoveries: n(c?.recoveries),
        holdout_conversions: n(c?.holdout_conversions),
        revenue: {},
        recovery_rate: null,
        holdout_rate: null,
        incremental_recovery: null,
        by_step: [],
        daily: days
          .filter((d) => d.campaign_id === id)
          .map((d) => ({ day: String(d.day), sends: n(d.sends), recoveries: n(d.recoveries) })),
      }
      for (const s of sends.filter((r) => r.campaign_id === id)) {
        stat.sends += n(s.sends)
        stat.opens += n(s.opens)
        stat.clicks += n(s.clicks)
        stat.by_step.push({ step: n(s.step), variant: n(s.variant), sends: n(s.sends), opens: n(s.opens), clicks: n(s.clicks), recoveries: 0, revenue: {} })
      }
      for (const r of revenue.filter((r) => r.campaign_id === id)) {
        const currency = String(r.currency_code)
        stat.revenue[currency] = (stat.revenue[currency] ?? 0) + n(r.revenue)
        if (r.recovered_step === null || r.recovered_step === undefined) continue
        let row = stat.by_step.find((b) => b.step === n(r.recovered_step) && b.variant === n(r.recovered_variant))
        if (!row) {
          row = { step: n(r.recovered_step), variant: n(r.recovered_variant), sends: 0, opens: 0, clicks: 0, recoveries: 0, revenue: {} }
          stat.by_step.push(row)
        }
        row.recoveries += n(r.recoveries)
        row.revenue[currency] = (row.revenue[currency] ?? 0) + n(r.revenue)
      }
      addRollups(stat, rollups.filter((r) => r.campaign_id === id))
      stat.recovery_rate = stat.emailed_carts ? stat.recoveries / stat.emailed_carts : null
      stat.holdout_rate = stat.holdout_carts ? stat.holdout_conversions / stat.holdout_carts : null
      stat.incremental_recovery =
        stat.recovery_rate !== null && stat.holdout_rate !== null ? stat.recovery_rate - stat.holdout_rate : null
      return stat
    })
  }
}

export default CartRecoveryModuleService
