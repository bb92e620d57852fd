import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { LoyaltyAccount } from "./models/loyalty-account"
import { EntryStatus, EntryType, LoyaltyEntry } from "./models/loyalty-entry"
import { LoyaltyLiability } from "./models/loyalty-liability"
import { LoyaltyProgram } from "./models/loyalty-program"
import { LoyaltyTierChange } from "./models/loyalty-tier-change"
import { DEFAULT_PROGRAM, MAX_POINTS, ProgramSettings, programSettingsSchema, tierFor } from "./program"

type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]> }

export type NewEntry = {
  type: EntryType
  /** Signed: credits > 0, debits < 0. */
  points: number
  status: Exclude<EntryStatus, "void">
  reference: string
  reference_id: string
  order_id?: string | null
  available_at?: Date | string | null
  expires_at?: Date | string | null
  note?: string | null
  /** Customer-facing explanation (manual adjustments); `note` stays internal. */
  reason?: string | null
  actor?: string
  currency_code?: string | null
  metadata?: Record<string, unknown> | null
  /** A debit larger than the available balance is cut down to it instead of refused (reversals). */
  clamp?: boolean
}

/** A reversal of an order's points (cancel, return, refund). */
export type ReverseOrderPointsRequest = {
  customer_id: string
  order_id: string
  // 1 = everything left (cancel); less = that share of what the order earned (return, refund).
  fraction: number
  // Idempotency key of the reversal: (order, id) for a cancel, (order_return, return_id)…
  reference: string
  reference_id: string
  note?: string
  // Returns and refunds: `fraction` is the share given back so far, less what was already taken.
  cumulative?: boolean
}

export type AccountRow = {
  id: string
  customer_id: string
  available: number
  pending: number
  held: number
  lifetime_earned: number
  tier: string | null
}

export type EntryRow = {
  id: string
  customer_id: string
  type: EntryType
  points: number
  status: EntryStatus
  reference: string
  reference_id: string
  order_id: string | null
  available_at: Date | null
  expires_at: Date | null
  note: string | null
  reason: string | null
  actor: string
  created_at: Date
}

/** A cart's open hold: `key` is its ledger reference id (the cart id, or `<cart id>~<round>`). */
export type OpenHold = { id: string; key: string; points: number; expires_at: Date | null; code: string | null; amount: number | null }

/**
 * The ledger key of a cart's nth redemption. The first keeps the bare cart id; a redemption
 * made again on the same cart (after its hold was released) needs a key of its own, because
 * (reference, reference_id, type) is unique.
 */
export const holdKey = (cartId: string, round: number) => (round > 1 ? `${cartId}~${round}` : cartId)
/** The cart id of a hold key. */
export const cartOfHoldKey = (key: string) => key.split("~")[0]

const ACCOUNT_COLUMNS = "id, customer_id, available, pending, held, lifetime_earned, tier"
const toAccount = (r: Record<string, unknown>): AccountRow => ({
  id: String(r.id),
  customer_id: String(r.customer_id),
  available: Number(r.available),
  pending: Number(r.pending),
  held: Number(r.held),
  lifetime_earned: Number(r.lifetime_earned),
  tier: (r.tier as string | null) ?? null,
})

const toEntry = (r: Record<string, unknown>): EntryRow => ({
  id: String(r.id),
  customer_id: String(r.customer_id),
  type: r.type as EntryType,
  points: Number(r.points),
  status: r.status as EntryStatus,
  reference: String(r.reference),
  reference_id: String(r.reference_id),
  order_id: (r.order_id as string | null) ?? null,
  available_at: (r.available_at as Date | null) ?? null,
  expires_at: (r.expires_at as Date | null) ?? null,
  note: (r.note as string | null) ?? null,
  reason: (r.reason as string | null) ?? null,
  actor: String(r.actor),
  created_at: r.created_at as Date,
})

const newId = (prefix: string) => `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`
const isCredit = (e: { type: EntryType; points: number }) =>
  (e.type === "earn" || e.type === "bonus" || e.type === "adjust") && e.points > 0

// A customer's credits per currency and the share of their available points each currency
// carries: the liability's definition, for one customer (the cache) or all (the audit).
const CREDITS_BY_CURRENCY = (where: string) => `select customer_id, coalesce(currency_code, 'none') as currency_code, sum(points) as credited,
    sum(points)::numeric / nullif(sum(sum(points)) over (partition by customer_id), 0) as share
  from retention_loyalty_entry where ${where} points > 0 and type in ('earn', 'bonus', 'adjust') and deleted_at is null
  group by customer_id, coalesce(currency_code, 'none')`

class LoyaltyModuleService extends MedusaService({ LoyaltyAccount, LoyaltyEntry, LoyaltyTierChange, LoyaltyProgram, LoyaltyLiability }) {
  // ---------------------------------------------------------------------------------------
  // Program settings

  @InjectManager()
  async getProgram(@MedusaContext() sharedContext: Context = {}): Promise<ProgramSettings> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `select settings from retention_loyalty_program where key = 'default' and deleted_at is null`
    )
    if (!rows.length) return DEFAULT_PROGRAM
    // Stored settings were valid when saved; fill fields added by later versions from defaults.
    const parsed = programSettingsSchema.safeParse({ ...DEFAULT_PROGRAM, ...(rows[0].settings as object) })
    return parsed.success ? parsed.data : DEFAULT_PROGRAM
  }

  @InjectTransactionManager()
  async saveProgram(
    settings: ProgramSettings,
    actor: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProgramSettings> {
    const valid = programSettingsSchema.parse(settings)
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(
      `insert into retention_loyalty_program (id, key, settings, updated_by, created_at, updated_at)
       values (${newId("rlprg")}, 'default', ?::jsonb, ?, now(), now())
       on conflict (key) where deleted_at is null
       do update set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now()`,
      [JSON.stringify(valid), actor]
    )
    return valid
  }

  // ---------------------------------------------------------------------------------------
  // Accounts and the ledger

  /**
   * Creates the account if missing and locks its row for the rest of the transaction.
   *
   * Why the lock: two redemptions arriving together would both read "100 available", both
   * decide 50 fits, and both debit — spending 100 points twice. `SELECT ... FOR UPDATE` makes
   * the second transaction wait until the first commits, and it then re-reads the balance the
   * first one left. Every balance change goes through this lock, so the cached balances and
   * the ledger rows written in the same transaction can never disagree or go below zero.
   */
  private async lockAccount(manager: SqlManager, customerId: string): Promise<AccountRow> {
    await manager.execute(
      `insert into retention_loyalty_account (id, customer_id, available, pending, held, lifetime_earned, created_at, updated_at)
       values (${newId("rlacc")}, ?, 0, 0, 0, 0, now(), now())
       on conflict (customer_id) where deleted_at is null do nothing`,
      [customerId]
    )
    const rows = await manager.execute(
      `select ${ACCOUNT_COLUMNS} from retention_loyalty_account where customer_id = ? and deleted_at is null for update`,
      [customerId]
    )
    const account = toAccount(rows[0])
    this.balancesAtLock.set(account, { available: account.available, held: account.held })
    return account
  }

  // The balances an account had when it was locked: a refusal says what the customer has, not
  // the negative balance the refused change would have left ("-425 available").
  private readonly balancesAtLock = new WeakMap<AccountRow, { available: number; held: number }>()

  private async saveBalances(manager: SqlManager, account: AccountRow): Promise<void> {
    // The balance columns are 32-bit integers: refuse here, with the field named, rather than
    // let PostgreSQL fail the statement with "integer out of range" (a 500).
    if ([account.available, account.pending, account.held, account.lifetime_earned].some((v) => v > MAX_POINTS)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `points: the balance would exceed the maximum of ${MAX_POINTS.toLocaleString("en-US")} points`
      )
    }
    if (account.available < 0 || account.pending < 0 || account.held < 0) {
      // The transaction rolls back: nothing of this call is written.
      const before = this.balancesAtLock.get(account) ?? account
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `points: not enough points (${before.available} available, ${before.held} on hold)`
      )
    }
    await manager.execute(
      `update retention_loyalty_account set available = ?, pending = ?, held = ?, lifetime_earned = ?, updated_at = now()
       where id = ?`,
      [account.available, account.pending, account.held, account.lifetime_earned, account.id]
    )
    await this.saveLiability(manager, account)
  }

  /**
   * Rewrites the customer's liability rows (available points per currency of their credits)
   * from their own ledger, with the balance they now have. Called with every balance change,
   * in its transaction and under its account lock, so the rows never disagree with the ledger.
   * One customer's ledger is a short index range (customer_id, created_at).
   */
  private async saveLiability(manager: SqlManager, account: AccountRow): Promise<void> {
    await manager.execute(
      `insert into retention_loyalty_liability (id, customer_id, currency_code, credited, points, raw_points, created_at, updated_at)
       select ${newId("rlliab")}, c.customer_id, c.currency_code, c.credited, t.points,
         jsonb_build_object('value', t.points::text, 'precision', 20), now(), now()
       from (${CREDITS_BY_CURRENCY("customer_id = ? and")}) c
       cross join lateral (select coalesce(?::numeric * c.share, 0) as points) t
       on conflict (customer_id, currency_code) where deleted_at is null do update set
         credited = excluded.credited, points = excluded.points, raw_points = excluded.raw_points, updated_at = now()`,
      [account.customer_id, account.available]
    )
  }

  private applyDelta(account: AccountRow, e: { type: EntryType; points: number; status: EntryStatus }) {
    if (e.status === "pending") account.pending += e.points
    if (e.status === "available") account.available += e.points
    if (e.status !== "void" && (e.type === "hold" || e.type === "release")) account.held -= e.points
    if (isCredit(e)) account.lifetime_earned += e.points
  }

  private async insertEntry(manager: SqlManager, account: AccountRow, e: NewEntry): Promise<EntryRow | null> {
    const rows = await manager.execute(
      `insert into retention_loyalty_entry (id, account_id, customer_id, type, points, status, reference, reference_id,
         order_id, available_at, expires_at, note, reason, actor, currency_code, metadata, created_at, updated_at)
       values (${newId("rlent")}, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?::jsonb, now(), now())
       on conflict (reference, reference_id, type) where deleted_at is null do nothing
       returning *`,
      [
        account.id,
        account.customer_id,
        e.type,
        e.points,
        e.status,
        e.reference,
        e.reference_id,
        e.order_id ?? null,
        // Dates that went through a workflow arrive serialized; accept both.
        e.available_at ? new Date(e.available_at).toISOString() : null,
        e.expires_at ? new Date(e.expires_at).toISOString() : null,
        e.note ?? null,
        e.reason ?? null,
        e.actor ?? "system",
        e.currency_code ?? null,
        e.metadata ? JSON.stringify(e.metadata) : null,
      ]
    )
    return rows.length ? (toEntry(rows[0])) : null
  }

  /**
   * Appends entries for one customer in one transaction under the account lock. An entry whose
   * (reference, reference_id, type) exists is skipped (idempotent). Throws NOT_ALLOWED — and
   * writes nothing — if a debit would take the available balance below zero.
   */
  @InjectTransactionManager()
  async recordEntries(
    customerId: string,
    entries: NewEntry[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ inserted: EntryRow[]; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    for (const entry of entries) {
      if (!Number.isSafeInteger(entry.points) || Math.abs(entry.points) > MAX_POINTS) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `points: must be a whole number of at most ${MAX_POINTS.toLocaleString("en-US")} (got ${entry.points})`
        )
      }
    }
    const account = await this.lockAccount(manager, customerId)
    const inserted: EntryRow[] = []
    for (const entry of entries) {
      const e = { ...entry }
      if (e.clamp && e.points < 0 && e.status === "available") e.points = Math.max(e.points, -account.available)
      const row = await this.insertEntry(manager, account, e)
      if (!row) continue
      this.applyDelta(account, e)
      inserted.push(row)
    }
    if (inserted.length) await this.saveBalances(manager, account)
    return { inserted, account }
  }

  /** Moves an order's pending entries to available (return window over) or void (canceled). */
  @InjectTransactionManager()
  async settlePending(
    input: { customer_id: string; order_id: string; to: "available" | "void" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ points: number; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const rows = await manager.execute(
      `update retention_loyalty_entry set status = ?, updated_at = now()
       where customer_id = ? and order_id = ? and status = 'pending' and deleted_at is null
       returning type, points`,
      [input.to, input.customer_id, input.order_id]
    )
    let points = 0
    for (const r of rows) {
      const e = { type: r.type as EntryType, points: Number(r.points) }
      points += e.points
      account.pending -= e.points
      if (input.to === "available") account.available += e.points
      else if (isCredit(e)) account.lifetime_earned -= e.points
    }
    if (rows.length) await this.saveBalances(manager, account)
    return { points, account }
  }

  /**
   * Reverses points earned on an order: `fraction` 1 takes back all that is left (cancel), less
   * takes back that share of what was earned (return, refund), never more than is left. While
   * the order is pending the reversal is pending too (a full one voids the pending rows);
   * once available it is debited, cut to the available balance if the points were spent.
   *
   * `cumulative` (returns and refunds): `fraction` is the share of the order given back so far
   * (all returns, or all refunds, up to this one); the reversal is that share of what was earned
   * minus what returns and refunds have already taken back. A refund that pays for a received
   * return therefore takes nothing more: together they never take back more than the larger of
   * the returned and the refunded share.
   */
  @InjectTransactionManager()
  async reverseOrderPoints(
    input: ReverseOrderPointsRequest,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ points: number; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const [sums] = await manager.execute(
      `select coalesce(sum(points) filter (where type in ('earn', 'bonus') and status <> 'void'), 0) as earned,
              coalesce(sum(points) filter (where status = 'pending'), 0) as pending,
              -- A redemption on the order (release + redeem) is not points the order earned; since
              -- a hold may be redeemed only in part, the two no longer always cancel out.
              coalesce(sum(points) filter (where status = 'available' and type not in ('hold', 'release', 'redeem')), 0) as available,
              coalesce(-sum(points) filter (where type = 'reverse' and reference in ('order_return', 'refund') and status <> 'void'), 0) as partial
       from retention_loyalty_entry where customer_id = ? and order_id = ? and deleted_at is null`,
      [input.customer_id, input.order_id]
    )
    const earned = Number(sums.earned)
    const pending = Number(sums.pending)
    const left = pending + Number(sums.available)
    if (left <= 0) return { points: 0, account }
    const share = Math.round(earned * input.fraction) - (input.cumulative ? Number(sums.partial) : 0)
    const wanted = input.fraction >= 1 && !input.cumulative ? left : Math.min(left, share)
    if (wanted <= 0) return { points: 0, account }
    if (pending > 0 && input.fraction >= 1) {
      const { points, account: after } = await this.settlePending(
        { customer_id: input.customer_id, order_id: input.order_id, to: "void" },
        sharedContext
      )
      return { points: -points, account: after }
    }
    const status = pending > 0 ? "pending" : "available"
    const e: NewEntry = {
      type: "reverse",
      points: status === "available" ? Math.max(-wanted, -account.available) : -Math.min(wanted, pending),
      status,
      reference: input.reference,
      reference_id: input.reference_id,
      order_id: input.order_id,
      note: input.note ?? null,
    }
    const row = await this.insertEntry(manager, account, e)
    if (!row) return { points: 0, account }
    this.applyDelta(account, e)
    await this.saveBalances(manager, account)
    return { points: e.points, account }
  }

  /**
   * A canceled order gives back the points redeemed on it: the customer's money is refunded, so
   * the points that paid for part of it must return too. Keyed per order, so once only.
   */
  @InjectTransactionManager()
  async restoreRedeemedPoints(
    input: { customer_id: string; order_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ points: number; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const [row] = await manager.execute(
      `select coalesce(sum(points), 0) as redeemed from retention_loyalty_entry
       where customer_id = ? and order_id = ? and type = 'redeem' and status = 'available' and deleted_at is null`,
      [input.customer_id, input.order_id]
    )
    const points = -Number(row?.redeemed ?? 0)
    if (points <= 0) return { points: 0, account }
    const e: NewEntry = {
      type: "reverse",
      points,
      status: "available",
      reference: "order_cancel_redeem",
      reference_id: input.order_id,
      // Not tied by order_id: the order's own balance (what a reversal may take back) counts
      // only what the order earned.
      order_id: null,
      note: "points redeemed on a canceled order given back",
    }
    if (!(await this.insertEntry(manager, account, e))) return { points: 0, account }
    this.applyDelta(account, e)
    await this.saveBalances(manager, account)
    return { points, account }
  }

  /**
   * Settles a cart's hold when its cart became an order. `points_used` is what the order's
   * points discount was actually worth (see convert-order-hold): only that much is redeemed and
   * the rest of the hold comes back, so the points spent never exceed the discount applied; 0
   * (the code was not on the order) releases it all. Without it the whole hold is redeemed.
   * No-op if already released or converted.
   */
  @InjectTransactionManager()
  async convertHold(
    input: { customer_id: string; cart_id: string; order_id: string; points_used?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ converted: number; released: number; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const hold = await this.openHold(manager, input.customer_id, input.cart_id)
    if (!hold) return { converted: 0, released: 0, account }
    const held = -Number(hold.points)
    const used = Math.max(0, Math.min(held, Math.floor(input.points_used ?? held)))
    const key = String(hold.reference_id)
    const common = { status: "available" as const, reference: "cart", reference_id: key, order_id: input.order_id }
    const entries: NewEntry[] = [
      {
        ...common,
        type: "release",
        points: held,
        note: used === held ? "converted to redemption" : used > 0 ? "converted to redemption; unused part given back" : "points discount not on the order; hold released",
      },
    ]
    if (used > 0) entries.push({ ...common, type: "redeem", points: -used })
    for (const e of entries) {
      if (await this.insertEntry(manager, account, e)) this.applyDelta(account, e)
    }
    await this.saveBalances(manager, account)
    return { converted: used, released: held - used, account }
  }

  /** Gives a cart's held points back (cart abandoned, code removed, workflow compensation). */
  @InjectTransactionManager()
  async releaseHold(
    input: { customer_id: string; cart_id: string; note?: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ released: number; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const hold = await this.openHold(manager, input.customer_id, input.cart_id)
    if (!hold) return { released: 0, account }
    const e: NewEntry = {
      type: "release",
      points: -Number(hold.points),
      status: "available",
      reference: "cart",
      reference_id: String(hold.reference_id),
      note: input.note ?? "hold released",
    }
    if (await this.insertEntry(manager, account, e)) {
      this.applyDelta(account, e)
      await this.saveBalances(manager, account)
    }
    return { released: e.points, account }
  }

  // A cart's holds are keyed by the cart id, or `<cart id>~<round>` for a redemption made again.
  private async openHold(manager: SqlManager, customerId: string, cartId: string) {
    const rows = await manager.execute(
      `select h.id, h.reference_id, h.points, h.expires_at, h.metadata from retention_loyalty_entry h
       where h.customer_id = ? and h.reference = 'cart' and (h.reference_id = ? or starts_with(h.reference_id, ?))
         and h.type = 'hold' and h.deleted_at is null
         and not exists (select 1 from retention_loyalty_entry r where r.reference = 'cart' and r.reference_id = h.reference_id
                         and r.type = 'release' and r.deleted_at is null)
       order by h.created_at desc limit 1`,
      [customerId, cartId, `${cartId}~`]
    )
    return rows[0] ?? null
  }

  /** The open (not released, not converted) hold on a cart, if any, with its code and money value. */
  @InjectManager()
  async getOpenHold(customerId: string, cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<OpenHold | null> {
    const hold = await this.openHold(sharedContext.manager as SqlManager, customerId, cartId)
    if (!hold) return null
    const meta = (hold.metadata ?? {}) as { code?: unknown; amount?: unknown }
    return {
      id: String(hold.id),
      key: String(hold.reference_id),
      points: -Number(hold.points),
      expires_at: (hold.expires_at as Date | null) ?? null,
      code: typeof meta.code === "string" ? meta.code : null,
      amount: meta.amount === undefined || meta.amount === null ? null : Number(meta.amount),
    }
  }

  /** How many holds a cart has had (open, released or converted): the next one is round n + 1. */
  @InjectManager()
  async countCartHolds(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const [row] = await (sharedContext.manager as SqlManager).execute(
      `select count(*) as n from retention_loyalty_entry
       where reference = 'cart' and type = 'hold' and (reference_id = ? or starts_with(reference_id, ?)) and deleted_at is null`,
      [cartId, `${cartId}~`]
    )
    return Number(row?.n ?? 0)
  }

  /** Holds past their expiry with no release, oldest first. */
  @InjectManager()
  async listStaleHolds(
    input: { now: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ customer_id: string; cart_id: string }[]> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select h.customer_id, h.reference_id from retention_loyalty_entry h
       where h.type = 'hold' and h.expires_at <= ?::timestamptz and h.deleted_at is null
         and not exists (select 1 from retention_loyalty_entry r where r.reference = 'cart' and r.reference_id = h.reference_id
                         and r.type = 'release' and r.deleted_at is null)
       order by h.expires_at limit ?`,
      [input.now.toISOString(), input.limit]
    )
    return rows.map((r) => ({ customer_id: String(r.customer_id), cart_id: cartOfHoldKey(String(r.reference_id)) }))
  }

  /** Orders whose pending points are due to become available. */
  @InjectManager()
  async listDuePending(
    input: { now: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ customer_id: string; order_id: string }[]> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select customer_id, order_id, min(available_at) as due from retention_loyalty_entry
       where status = 'pending' and available_at <= ?::timestamptz and order_id is not null and deleted_at is null
       group by customer_id, order_id order by due limit ?`,
      [input.now.toISOString(), input.limit]
    )
    return rows.map((r) => ({ customer_id: String(r.customer_id), order_id: String(r.order_id) }))
  }

  /** Moves the end of an order's return window (delivery happened): pending rows only. */
  @InjectTransactionManager()
  async setAvailableAt(
    input: { order_id: string; available_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const rows = await (sharedContext.transactionManager as SqlManager).execute(
      `update retention_loyalty_entry set available_at = ?::timestamptz, updated_at = now()
       where order_id = ? and status = 'pending' and deleted_at is null returning id`,
      [input.available_at.toISOString(), input.order_id]
    )
    return rows.length
  }

  /**
   * Expires credits past their expiry date, first in first out: debits always consume the
   * oldest credits, so whatever is available beyond the credits not yet due must be old credits
   * that are now past their date. One expire entry per customer per day (idempotent).
   */
  @InjectTransactionManager()
  async expireDue(
    input: { customer_id: string; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ expired: number; account: AccountRow }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const [row] = await manager.execute(
      `select coalesce(sum(points), 0) as not_due from retention_loyalty_entry
       where customer_id = ? and status = 'available' and points > 0 and type in ('earn', 'bonus', 'adjust')
         and (expires_at is null or expires_at > ?::timestamptz) and deleted_at is null`,
      [input.customer_id, input.now.toISOString()]
    )
    const amount = account.available - Number(row.not_due)
    if (amount <= 0) return { expired: 0, account }
    const e: NewEntry = {
      type: "expire",
      points: -amount,
      status: "available",
      reference: "expiry",
      reference_id: `${input.customer_id}:${input.now.toISOString().slice(0, 10)}`,
    }
    if (!(await this.insertEntry(manager, account, e))) return { expired: 0, account }
    this.applyDelta(account, e)
    await this.saveBalances(manager, account)
    return { expired: amount, account }
  }

  /** Customers who may have credits past their expiry date. */
  @InjectManager()
  async listExpiryCandidates(
    input: { now: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select distinct e.customer_id from retention_loyalty_entry e
       join retention_loyalty_account a on a.customer_id = e.customer_id and a.available > 0
       where e.expires_at <= ?::timestamptz and e.status = 'available' and e.points > 0 and e.deleted_at is null
       limit ?`,
      [input.now.toISOString(), input.limit]
    )
    return rows.map((r) => String(r.customer_id))
  }

  /** Customers with available credits expiring between now and `until`, and how many points. */
  @InjectManager()
  async listExpiringSoon(
    input: { now: Date; until: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ customer_id: string; points: number; expires_at: Date }[]> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select e.customer_id, min(e.expires_at) as expires_at, a.available,
              coalesce(sum(e.points), 0) as due_points
       from retention_loyalty_entry e
       join retention_loyalty_account a on a.customer_id = e.customer_id and a.available > 0
       where e.expires_at > ?::timestamptz and e.expires_at <= ?::timestamptz and e.status = 'available'
         and e.points > 0 and e.deleted_at is null
       group by e.customer_id, a.available limit ?`,
      [input.now.toISOString(), input.until.toISOString(), input.limit]
    )
    return rows.map((r) => ({
      customer_id: String(r.customer_id),
      points: Math.min(Number(r.available), Number(r.due_points)),
      expires_at: new Date(r.expires_at as string),
    }))
  }

  /** Re-evaluates the tier on points earned in the rolling 12 months; records a change. */
  @InjectTransactionManager()
  async evaluateTier(
    input: { customer_id: string; settings: ProgramSettings; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ from: string | null; to: string | null; changed: boolean; window_points: number; change_id: string | null }> {
    const manager = sharedContext.transactionManager as SqlManager
    const account = await this.lockAccount(manager, input.customer_id)
    const windowPoints = await this.windowPoints(manager, input.customer_id, input.now)
    const { current } = tierFor(input.settings, windowPoints)
    const to = current?.key ?? null
    if (to === account.tier) return { from: to, to, changed: false, window_points: windowPoints, change_id: null }
    await manager.execute(
      `update retention_loyalty_account set tier = ?, tier_changed_at = ?::timestamptz, updated_at = now() where id = ?`,
      [to, input.now.toISOString(), account.id]
    )
    const [change] = await manager.execute(
      `insert into retention_loyalty_tier_change (id, customer_id, from_tier, to_tier, window_points, created_at, updated_at)
       values (${newId("rltch")}, ?, ?, ?, ?, now(), now()) returning id`,
      [input.customer_id, account.tier, to, windowPoints]
    )
    return { from: account.tier, to, changed: true, window_points: windowPoints, change_id: String(change.id) }
  }

  /**
   * Accounts whose tier may have moved without a new order: members with a tier whose order
   * points left the 12-month window in the last `lookbackDays` (a day missed by the job is
   * caught up), or were reversed or voided since; and every account, tier or not, when the
   * program settings (tiers) changed since. Keyset-paged by customer id.
   */
  @InjectManager()
  async listTierCandidates(
    input: { now: Date; lookbackDays: number; after?: string | null; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const DAY = 86400_000
    const agedTo = new Date(input.now.getTime() - 365 * DAY)
    const agedFrom = new Date(agedTo.getTime() - input.lookbackDays * DAY)
    const since = new Date(input.now.getTime() - input.lookbackDays * DAY).toISOString()
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select customer_id from (
         select e.customer_id from retention_loyalty_entry e
         where e.deleted_at is null and e.order_id is not null and e.type in ('earn', 'reverse')
           and ((e.created_at > ?::timestamptz and e.created_at <= ?::timestamptz)
                or (e.type = 'reverse' and e.created_at > ?::timestamptz)
                or (e.status = 'void' and e.updated_at > ?::timestamptz))
           and exists (select 1 from retention_loyalty_account a where a.customer_id = e.customer_id and a.tier is not null and a.deleted_at is null)
         union
         -- Changed tier settings: every member, also one without a tier (a lowered threshold promotes them).
         select a.customer_id from retention_loyalty_account a
         where a.deleted_at is null
           and exists (select 1 from retention_loyalty_program p where p.key = 'default' and p.deleted_at is null and p.updated_at > ?::timestamptz)
       ) c
       where c.customer_id > ?
       order by c.customer_id limit ?`,
      [agedFrom.toISOString(), agedTo.toISOString(), since, since, since, input.after ?? "", input.limit]
    )
    return rows.map((r) => String(r.customer_id))
  }

  private async windowPoints(manager: SqlManager, customerId: string, now: Date): Promise<number> {
    const since = new Date(now.getTime() - 365 * 86400_000)
    const [row] = await manager.execute(
      `select coalesce(sum(points), 0) as p from retention_loyalty_entry
       where customer_id = ? and status <> 'void' and type in ('earn', 'reverse') and order_id is not null
         and created_at > ?::timestamptz and created_at <= ?::timestamptz and deleted_at is null`,
      [customerId, since.toISOString(), now.toISOString()]
    )
    return Math.max(0, Number(row.p))
  }

  @InjectManager()
  async getWindowPoints(customerId: string, now: Date, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return this.windowPoints(sharedContext.manager as SqlManager, customerId, now)
  }

  /** The cached balances (one row lookup); a missing account reads as zero. */
  @InjectManager()
  async getBalance(customerId: string, @MedusaContext() sharedContext: Context = {}): Promise<AccountRow> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select ${ACCOUNT_COLUMNS} from retention_loyalty_account where customer_id = ? and deleted_at is null`,
      [customerId]
    )
    return rows.length
      ? toAccount(rows[0])
      : { id: "", customer_id: customerId, available: 0, pending: 0, held: 0, lifetime_earned: 0, tier: null }
  }

  /** The balances recomputed from the ledger alone (audits and tests compare it to the cache). */
  @InjectManager()
  async deriveBalance(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ available: number; pending: number; held: number; lifetime_earned: number }> {
    const [r] = await (sharedContext.manager as SqlManager).execute(
      `select coalesce(sum(points) filter (where status = 'available'), 0) as available,
              coalesce(sum(points) filter (where status = 'pending'), 0) as pending,
              coalesce(-sum(points) filter (where status = 'available' and type in ('hold', 'release')), 0) as held,
              coalesce(sum(points) filter (where status <> 'void' and points > 0 and type in ('earn', 'bonus', 'adjust')), 0) as lifetime_earned
       from retention_loyalty_entry where customer_id = ? and deleted_at is null`,
      [customerId]
    )
    return {
      available: Number(r.available),
      pending: Number(r.pending),
      held: Number(r.held),
      lifetime_earned: Number(r.lifetime_earned),
    }
  }

  /** Points issued / redeemed / expired per day, for the dashboard chart. */
  @InjectManager()
  async dailyStats(
    input: { since: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ day: string; issued: number; redeemed: number; expired: number; reversed: number }[]> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select to_char(date_trunc('day', created_at), 'YYYY-MM-DD') as day,
              coalesce(sum(points) filter (where type in ('earn', 'bonus') and status <> 'void'), 0) as issued,
              coalesce(-sum(points) filter (where type = 'redeem'), 0) as redeemed,
              coalesce(-sum(points) filter (where type = 'expire'), 0) as expired,
              coalesce(-sum(points) filter (where type = 'reverse' and status <> 'void'), 0) as reversed
       from retention_loyalty_entry where created_at >= ?::timestamptz and deleted_at is null
       group by 1 order by 1`,
      [input.since.toISOString()]
    )
    return rows.map((r) => ({
      day: String(r.day),
      issued: Number(r.issued),
      redeemed: Number(r.redeemed),
      expired: Number(r.expired),
      reversed: Number(r.reversed),
    }))
  }

  /** Totals for the dashboard: outstanding points, members per tier, top members. */
  @InjectManager()
  async programSummary(@MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlManager
    const [totals] = await manager.execute(
      `select count(*) as members, coalesce(sum(available), 0) as available, coalesce(sum(pending), 0) as pending,
              coalesce(sum(held), 0) as held
       from retention_loyalty_account where deleted_at is null`
    )
    const tiers = await manager.execute(
      `select tier, count(*) as members from retention_loyalty_account where deleted_at is null group by tier order by 2 desc`
    )
    const top = await manager.execute(
      `select ${ACCOUNT_COLUMNS} from retention_loyalty_account where deleted_at is null
       order by lifetime_earned desc, available desc limit 10`
    )
    // Outstanding points attributed to the currency they were earned in (a customer's points
    // are one pool, so each currency's share is its share of that customer's credits): summed
    // from the liability cache, which every balance change keeps in step with the ledger.
    const byCurrency = await manager.execute(
      `select currency_code, sum(points) as points from retention_loyalty_liability
       where points > 0 and deleted_at is null group by 1`
    )
    return {
      members: Number(totals.members),
      outstanding: { available: Number(totals.available), pending: Number(totals.pending), held: Number(totals.held) },
      tiers: tiers.map((t) => ({ tier: (t.tier as string | null) ?? null, members: Number(t.members) })),
      top: top.map(toAccount),
      by_currency: byCurrency.map((r) => ({ currency_code: String(r.currency_code), points: Math.round(Number(r.points)) })),
    }
  }

  /**
   * The liability per currency aggregated from the whole ledger, as the cache defines it
   * (audits and tests compare it with programSummary's by_currency).
   */
  @InjectManager()
  async deriveLiability(@MedusaContext() sharedContext: Context = {}): Promise<{ currency_code: string; points: number }[]> {
    const rows = await (sharedContext.manager as SqlManager).execute(
      `select c.currency_code, coalesce(sum(a.available * c.share), 0) as points
       from retention_loyalty_account a
       join (${CREDITS_BY_CURRENCY("")}) c on c.customer_id = a.customer_id
       where a.deleted_at is null and a.available > 0
       group by 1 order by 1`
    )
    return rows.map((r) => ({ currency_code: String(r.currency_code), points: Math.round(Number(r.points)) }))
  }
}

export default LoyaltyModuleService
