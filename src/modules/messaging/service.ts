import { parsePluginOptions } from "../../lib/plugin-options"
import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { signToken, verifyToken, VerifyResult } from "../../lib/signed-token"
import { Consent } from "./models/consent"
import { ConsentLog } from "./models/consent-log"
import { Message, MessageStatus } from "./models/message"
import { MessageEvent } from "./models/message-event"
import { SendPause } from "./models/send-pause"
import { Suppression } from "./models/suppression"
import { TemplateOverride, TemplateOverrideVersion } from "./models/template-override"
import { MessagingOptions, messagingOptionsSchema } from "./options"
import { Category, ConsentStatus, SuppressionReason, Topic } from "./policy"
import { nextRetryAt } from "./retry-policy"
import { FORWARD_EVENTS, planProviderEvents, ProviderEventInput, ProviderEventPlan } from "./provider-events"

type SqlManager = {
  execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>
  getKnex: () => {
    raw: (sql: string, params: unknown[]) => { transacting: (trx: unknown) => Promise<{ rows: Record<string, unknown>[] }> }
  }
  getTransactionContext: () => unknown
}

/**
 * For statements carrying large payloads (rendered HTML, a batch's template data): MikroORM's
 * `execute` inlines every parameter into the SQL text, character by character; knex passes them
 * to the driver as bind parameters. Same transaction either way.
 */
async function bulkExecute(manager: SqlManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const trx = manager.getTransactionContext()
  const query = manager.getKnex().raw(sql, params)
  const result = trx ? await query.transacting(trx) : await (query as unknown as Promise<{ rows: Record<string, unknown>[] }>)
  return result.rows
}

/**
 * The caller's transaction if there is one, else the plain manager. Single statements are atomic
 * on their own and run outside a transaction (no BEGIN/COMMIT round trips on the send path).
 */
function sqlManager(sharedContext: Context): SqlManager {
  return (sharedContext.transactionManager ?? sharedContext.manager) as SqlManager
}

export type NewMessage = {
  idempotency_key: string
  topic: Topic
  category: Category
  template: string
  locale: string
  to_email: string
  customer_id?: string | null
  campaign_id?: string | null
  data?: Record<string, unknown> | null
  metadata?: Record<string, unknown> | null
}

export type MessageRow = {
  id: string
  idempotency_key: string
  topic: Topic
  category: Category
  template: string
  locale: string
  to_email: string
  customer_id: string | null
  campaign_id: string | null
  status: MessageStatus
  status_reason: string | null
  deferred_until: Date | null
  // When a deferred or retrying row is due again.
  next_attempt_at: Date | null
  attempts: number
  sending_started_at: Date | null
  provider_message_id: string | null
  data: Record<string, unknown> | null
  metadata: Record<string, unknown> | null
}

/** A message row as the send workflow passes it between steps: without the template data,
 * which the render step reads itself (see `messageData`). */
export type LoggedMessage = Omit<MessageRow, "data">

export type PolicyContext = {
  consents: { email: string; topic: string; status: ConsentStatus }[]
  suppressions: { email: string; reason: SuppressionReason }[]
  pausedScopes: string[]
  // With the template, so the send policy can weigh each send by its template's priority.
  recentSends: { email: string; sent_at: Date; template: string }[]
}

/** Status that a later event may never move a message away from, and order of progress. */
const PROGRESS: Partial<Record<MessageStatus, number>> = { sent: 1, delivered: 2, opened: 3, clicked: 4 }

export const FINAL_STATUSES: MessageStatus[] = [
  "sent",
  "delivered",
  "opened",
  "clicked",
  "suppressed",
  "failed",
  "bounced",
  "unknown",
]

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

const str = (v: unknown) => (v === null || v === undefined ? null : String(v))
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)))

function toMessageRow(r: Record<string, unknown>): MessageRow {
  return {
    id: String(r.id),
    idempotency_key: String(r.idempotency_key),
    topic: r.topic as Topic,
    category: r.category as Category,
    template: String(r.template),
    locale: String(r.locale),
    to_email: String(r.to_email),
    customer_id: str(r.customer_id),
    campaign_id: str(r.campaign_id),
    status: r.status as MessageStatus,
    status_reason: str(r.status_reason),
    deferred_until: date(r.deferred_until),
    next_attempt_at: date(r.next_attempt_at),
    attempts: Number(r.attempts ?? 0),
    sending_started_at: date(r.sending_started_at),
    provider_message_id: str(r.provider_message_id),
    data: (r.data as Record<string, unknown> | null) ?? null,
    metadata: (r.metadata as Record<string, unknown> | null) ?? null,
  }
}

const MESSAGE_COLUMNS = `id, idempotency_key, topic, category, template, locale, to_email, customer_id, campaign_id,
  status, status_reason, deferred_until, next_attempt_at, attempts, sending_started_at, provider_message_id, data, metadata`

class MessagingModuleService extends MedusaService({
  Message,
  MessageEvent,
  Consent,
  ConsentLog,
  Suppression,
  TemplateOverride,
  TemplateOverrideVersion,
  SendPause,
}) {
  readonly options: MessagingOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(messagingOptionsSchema, options)
  }

  // ---------------------------------------------------------------------------------------
  // Signed links

  signLinkToken(purpose: string, claims: Record<string, unknown>, ttlSeconds: number, now = new Date()): string {
    return signToken(purpose, claims, this.options.tokenSecret, ttlSeconds, now)
  }

  verifyLinkToken<T extends Record<string, unknown>>(token: unknown, purpose: string, now = new Date()): VerifyResult<T> {
    return verifyToken<T>(token, purpose, this.options.tokenSecret, now)
  }

  unsubscribeUrl(claims: { m: string; e: string; t: string; l: string }): string {
    const token = this.signLinkToken("unsubscribe", claims, this.options.unsubscribeLinkTtlDays * 86400)
    return `${this.options.publicUrl.replace(/\/$/, "")}/retention/unsubscribe?token=${encodeURIComponent(token)}`
  }

  // ---------------------------------------------------------------------------------------
  // The message log

  /**
   * Inserts a queued row per idempotency key unless one exists, and returns the rows for all
   * keys (new or existing) in one round trip each. A key seen before keeps its row, except that
   * a message not sent yet (queued, deferred by the send policy, or waiting to retry after a
   * temporary provider failure) takes the caller's latest
   * data and settings: a cart reminder deferred overnight shows the cart as it is in the
   * morning. Anything sent, sending or settled is never touched.
   */
  @InjectTransactionManager()
  async ensureMessages(
    inputs: NewMessage[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageRow[]> {
    if (!inputs.length) return []
    const manager = sharedContext.transactionManager as SqlManager
    const rows = inputs.map((m) => [
      m.idempotency_key,
      m.topic,
      m.category,
      m.template,
      m.locale,
      normalizeEmail(m.to_email),
      m.customer_id ?? null,
      m.campaign_id ?? null,
      m.data ? JSON.stringify(m.data) : null,
      m.metadata ? JSON.stringify(m.metadata) : null,
    ])
    await bulkExecute(
      manager,
      `insert into retention_message (id, idempotency_key, topic, category, template, locale, to_email,
         customer_id, campaign_id, data, metadata, status, attempts, created_at, updated_at)
       select 'rmsg_' || replace(gen_random_uuid()::text, '-', ''), k, t, c, tpl, loc, em, cust, camp,
              d::jsonb, md::jsonb, 'queued', 0, now(), now()
       from jsonb_to_recordset(?::jsonb) as x(k text, t text, c text, tpl text, loc text, em text,
              cust text, camp text, d text, md text)
       on conflict (idempotency_key) where deleted_at is null do update
         set data = excluded.data, metadata = coalesce(retention_message.metadata, '{}'::jsonb) || coalesce(excluded.metadata, '{}'::jsonb),
             updated_at = now()
         where retention_message.status in ('queued', 'deferred', 'retrying')`,
      [
        JSON.stringify(
          rows.map(([k, t, c, tpl, loc, em, cust, camp, d, md]) => ({ k, t, c, tpl, loc, em, cust, camp, d, md }))
        ),
      ]
    )
    const found = await bulkExecute(
      manager,
      `select ${MESSAGE_COLUMNS} from retention_message
       where idempotency_key in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null`,
      [JSON.stringify(inputs.map((m) => m.idempotency_key))]
    )
    return found.map(toMessageRow)
  }

  /**
   * Template data of the given messages. The send workflow reads it here, just before
   * rendering, instead of carrying it through every step: a workflow resolves and copies each
   * step's input object by object, which for nested cart data costs more than this query.
   */
  @InjectManager()
  async messageData(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, Record<string, unknown> | null>> {
    if (!ids.length) return new Map()
    const manager = sqlManager(sharedContext)
    const rows = await bulkExecute(
      manager,
      `select id, data from retention_message where id in (select jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify(ids)]
    )
    return new Map(rows.map((r) => [String(r.id), (r.data as Record<string, unknown> | null) ?? null]))
  }

  /**
   * Emails not sent yet (queued, deferred, retrying) whose key starts with one of `prefixes`
   * become `suppressed` with `reason`: the feature that asked for them has ended (an order
   * closed the cart's sequence), so nothing will come back for them, and Messages would
   * otherwise show them waiting forever. Returns how many rows changed.
   */
  @InjectManager()
  async withdrawPendingMessages(
    prefixes: string[],
    reason: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    if (!prefixes.length) return 0
    const manager = sqlManager(sharedContext)
    const rows = await bulkExecute(
      manager,
      `update retention_message m set status = 'suppressed', status_reason = ?, deferred_until = null,
              next_attempt_at = null, updated_at = now()
       where m.status in ('queued', 'deferred', 'retrying') and m.deleted_at is null
         and exists (select 1 from jsonb_array_elements_text(?::jsonb) p(prefix) where starts_with(m.idempotency_key, p.prefix))
       returning m.id`,
      [reason, JSON.stringify(prefixes)]
    )
    return rows.length
  }

  /** Bulk status change for rows that did not go to the provider (suppressed, deferred…). */
  @InjectManager()
  async setOutcomes(
    outcomes: { id: string; status: MessageStatus; reason?: string | null; deferred_until?: Date | null }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!outcomes.length) return
    const manager = sqlManager(sharedContext)
    await bulkExecute(
      manager,
      `update retention_message m set status = x.s, status_reason = x.r, deferred_until = x.u::timestamptz,
              next_attempt_at = x.u::timestamptz, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(id text, s text, r text, u text)
       where m.id = x.id and m.status in ('queued', 'deferred', 'retrying')`,
      [
        JSON.stringify(
          outcomes.map((o) => ({
            id: o.id,
            s: o.status,
            r: o.reason ?? null,
            u: o.deferred_until ? o.deferred_until.toISOString() : null,
          }))
        ),
      ]
    )
  }

  /**
   * Stores what will be sent (so the admin shows the email exactly as the recipient got it) and
   * claims the rows in the same statement: compare-and-set queued/deferred/retrying → sending. Only one
   * worker wins a row; the ids returned are the rows this caller may send. `dispatch` records
   * how they will reach the provider, which decides how a stale send is settled.
   */
  @InjectManager()
  async claimRendered(
    input: {
      messages: { id: string; subject: string; html: string; text: string; locale: string }[]
      dispatch: "direct" | "notification_module"
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!input.messages.length) return []
    const manager = sqlManager(sharedContext)
    // One bind parameter per field: the bodies go to PostgreSQL as they are, with no JSON
    // escaping of 20 kB of HTML on the way.
    const values = input.messages.map(() => "(?, ?, ?, ?, ?)").join(", ")
    const rows = await bulkExecute(
      manager,
      `update retention_message m set subject = x.s, html = x.h, text = x.t, locale = x.l, dispatch = ?,
              status = 'sending', attempts = m.attempts + 1, sending_started_at = now(),
              deferred_until = null, next_attempt_at = null, status_reason = null, updated_at = now()
       from (values ${values}) as x(id, s, h, t, l)
       where m.id = x.id and m.status in ('queued', 'deferred', 'retrying')
       returning m.id`,
      [input.dispatch, ...input.messages.flatMap((r) => [r.id, r.subject, r.html, r.text, r.locale])]
    )
    return rows.map((r) => String(r.id))
  }

  /**
   * Compare-and-set queued/deferred/retrying → sending. Only one worker wins a row; the others see
   * false and send nothing.
   */
  @InjectTransactionManager()
  async claimForSending(id: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_message set status = 'sending', attempts = attempts + 1, sending_started_at = now(),
              deferred_until = null, next_attempt_at = null, status_reason = null, updated_at = now()
       where id = ? and status in ('queued', 'deferred', 'retrying') returning id`,
      [id]
    )
    return rows.length === 1
  }

  @InjectTransactionManager()
  async recordSent(
    input: { id: string; provider_id: string | null; provider_message_id: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.recordSentMany([input], sharedContext)
  }

  /** Marks sent rows in one statement (a batch's provider answers arrive together). */
  @InjectManager()
  async recordSentMany(
    input: { id: string; provider_id: string | null; provider_message_id: string | null }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!input.length) return
    const manager = sqlManager(sharedContext)
    await bulkExecute(
      manager,
      `update retention_message m set status = 'sent', sent_at = now(), provider_id = x.p, provider_message_id = x.pm,
              last_error = null, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(id text, p text, pm text)
       where m.id = x.id and m.status = 'sending'`,
      [JSON.stringify(input.map((r) => ({ id: r.id, p: r.provider_id, pm: r.provider_message_id })))]
    )
  }

  /**
   * A failed attempt. A permanent error (SendGrid 4xx other than 429, a template that cannot
   * render) fails the message at once. A temporary one (5xx, 429, network) puts it in
   * "retrying" with the time of its next attempt from the one retry policy (retry-policy.ts),
   * counted from its first failure; once that window is used up the message is failed with the
   * reason. `now` and `random` are injectable for tests.
   */
  @InjectTransactionManager()
  async recordFailure(
    input: { id: string; error: string; permanent: boolean; now?: Date; random?: () => number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ status: MessageStatus; next_attempt_at: Date | null }> {
    const manager = sharedContext.transactionManager as SqlManager
    const now = input.now ?? new Date()
    const [row] = await manager.execute(
      `select attempts, first_failed_at from retention_message where id = ? and status = 'sending' for update`,
      [input.id]
    )
    if (!row) return { status: "failed", next_attempt_at: null }
    const firstFailedAt = row.first_failed_at ? new Date(String(row.first_failed_at)) : now
    const retryAt = input.permanent
      ? null
      : nextRetryAt({ failures: Math.max(1, Number(row.attempts ?? 1)), firstFailedAt, now, random: input.random })
    const status: MessageStatus = retryAt ? "retrying" : "failed"
    const reason = input.permanent ? "provider_rejected" : retryAt ? "temporary_failure" : "retries_exhausted"
    await manager.execute(
      `update retention_message
       set status = ?, status_reason = ?, last_error = ?, next_attempt_at = ?, first_failed_at = ?, updated_at = now()
       where id = ? and status = 'sending'`,
      [status, reason, input.error.slice(0, 4000), retryAt, input.permanent ? null : firstFailedAt, input.id]
    )
    return { status, next_attempt_at: retryAt }
  }

  /**
   * Messages of the given topics whose time has come again (deferred by the send policy, or
   * waiting to retry after a temporary failure), oldest due first, at most `limit`: a bounded
   * read through the partial index on next_attempt_at, however large the log.
   */
  @InjectManager()
  async listDueRetries(
    input: { now: Date; topics: string[]; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageRow[]> {
    if (!input.topics.length) return []
    const manager = sqlManager(sharedContext)
    const rows = await bulkExecute(
      manager,
      `select ${MESSAGE_COLUMNS} from retention_message
       where status in ('deferred', 'retrying') and next_attempt_at <= ? and deleted_at is null
         and topic in (select jsonb_array_elements_text(?::jsonb))
       order by next_attempt_at, id limit ?`,
      [input.now, JSON.stringify(input.topics), input.limit]
    )
    return rows.map(toMessageRow)
  }

  /**
   * A merchant's "Resend" of a failed (or unknown) message: compare-and-set back to queued with
   * a fresh retry window, keeping its key, so a double click reopens it once and the send
   * workflow, policy included, decides what happens next. Answers whether this call reopened it.
   */
  @InjectTransactionManager()
  async reopenForResend(id: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_message
       set status = 'queued', status_reason = 'resend_requested', next_attempt_at = null, first_failed_at = null,
           deferred_until = null, metadata = coalesce(metadata, '{}'::jsonb)
             || jsonb_build_object('resends', coalesce((metadata->>'resends')::int, 0) + 1),
           updated_at = now()
       where id = ? and status in ('failed', 'unknown') and deleted_at is null returning id`,
      [id]
    )
    return rows.length === 1
  }

  /**
   * Settles a row left in "sending" by a process that died mid-send.
   * - Sent through createNotifications: the Notification Module's own record for the same
   *   idempotency key tells what happened: success → sent; failure or no record (died before
   *   the provider call) → queued again; pending (died during the provider call) → unknown.
   * - Sent to the provider directly: the row is claimed just before the provider call and no
   *   other record exists, so nobody knows whether it went → unknown.
   * An unknown message is never resent automatically: a duplicate is worse than a missing email.
   */
  @InjectTransactionManager()
  async settleStale(
    input: { id: string; notification: { status: string; external_id: string | null; provider_id: string | null } | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageStatus> {
    const manager = sharedContext.transactionManager as SqlManager
    const n = input.notification
    const fromRecord: MessageStatus =
      n?.status === "success" ? "sent" : !n || n.status === "failure" ? "queued" : "unknown"
    const rows = await manager.execute(
      `update retention_message m
       set status = d.s, status_reason = case when d.s = 'unknown' then 'interrupted_during_send' end,
           sent_at = case when d.s = 'sent' then now() else m.sent_at end,
           provider_message_id = coalesce(?, m.provider_message_id), provider_id = coalesce(?, m.provider_id),
           updated_at = now()
       from (select id, case when dispatch = 'direct' then 'unknown' else ? end as s
             from retention_message where id = ?) d
       where m.id = d.id and m.status = 'sending' and m.sending_started_at < now() - (? || ' minutes')::interval
       returning m.status`,
      [
        n?.external_id ?? null,
        n?.provider_id ?? null,
        fromRecord,
        input.id,
        String(this.options.staleSendingAfterMinutes),
      ]
    )
    return (rows[0]?.status as MessageStatus) ?? "sending"
  }

  // ---------------------------------------------------------------------------------------
  // Policy inputs

  @InjectManager()
  async loadPolicyContext(
    input: { emails: string[]; scopes: string[]; since: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PolicyContext> {
    const manager = sharedContext.manager as SqlManager
    const emails = [...new Set(input.emails.map(normalizeEmail))]
    if (!emails.length) return { consents: [], suppressions: [], pausedScopes: [], recentSends: [] }
    // Each lookup starts from the batch's addresses and probes the address index once per
    // address (a lateral join), whatever the table statistics say. A plain `email in (…)` let
    // the planner, with statistics from before a burst of sends, scan every sent message and
    // compare it with every address: 300 ms per batch of 100 instead of under 1 ms.
    const list = JSON.stringify(emails)
    const [consents, suppressions, pauses, recent] = await Promise.all([
      manager.execute(
        `select c.email, c.topic, c.status from jsonb_array_elements_text(?::jsonb) as e(email)
         join lateral (select email, topic, status from retention_consent
                       where email = e.email and deleted_at is null) c on true`,
        [list]
      ),
      manager.execute(
        `select s.email, s.reason from jsonb_array_elements_text(?::jsonb) as e(email)
         join lateral (select email, reason from retention_suppression
                       where email = e.email and deleted_at is null) s on true`,
        [list]
      ),
      input.scopes.length
        ? manager.execute(
            `select scope from retention_send_pause where scope in (select jsonb_array_elements_text(?::jsonb)) and resumed_at is null and deleted_at is null`,
            [JSON.stringify(input.scopes)]
          )
        : Promise.resolve([]),
      manager.execute(
        `select e.email, m.sent_at, m.template from jsonb_array_elements_text(?::jsonb) as e(email)
         join lateral (select sent_at, template from retention_message
                       where to_email = e.email and category = 'marketing' and sent_at >= ?
                         and status in ('sent', 'delivered', 'opened', 'clicked', 'bounced') and deleted_at is null) m on true`,
        [list, input.since]
      ),
    ])
    return {
      consents: consents as PolicyContext["consents"],
      suppressions: suppressions as PolicyContext["suppressions"],
      pausedScopes: pauses.map((p) => String(p.scope)),
      recentSends: recent.map((r) => ({
        email: String(r.email),
        sent_at: new Date(String(r.sent_at)),
        template: String(r.template),
      })),
    }
  }

  // ---------------------------------------------------------------------------------------
  // Consent and suppression

  /** Sets consent for one address and topic ("all" = every marketing topic) and logs it. */
  @InjectTransactionManager()
  async setConsent(
    input: {
      email: string
      topic: string
      status: ConsentStatus
      source: string
      reference?: string | null
      note?: string | null
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ changed: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const email = normalizeEmail(input.email)
    const rows = await manager.execute(
      `insert into retention_consent (id, email, topic, status, source, recorded_at, created_at, updated_at)
       values ('rcon_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, now(), now(), now())
       on conflict (email, topic) where deleted_at is null do update
         set status = excluded.status, source = excluded.source, recorded_at = now(), updated_at = now()
         where retention_consent.status is distinct from excluded.status
       returning id`,
      [email, input.topic, input.status, input.source]
    )
    if (rows.length) {
      await manager.execute(
        `insert into retention_consent_log (id, email, topic, status, source, reference, note, recorded_at, created_at, updated_at)
         values ('rclg_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, ?, ?, now(), now(), now())`,
        [email, input.topic, input.status, input.source, input.reference ?? null, input.note ?? null]
      )
    }
    return { changed: rows.length > 0 }
  }

  @InjectTransactionManager()
  async addSuppression(
    input: { email: string; reason: SuppressionReason; source: string; message_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `insert into retention_suppression (id, email, reason, source, message_id, created_at, updated_at)
       values ('rsup_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, now(), now())
       on conflict (email, reason) where deleted_at is null do nothing returning id`,
      [normalizeEmail(input.email), input.reason, input.source, input.message_id ?? null]
    )
    return { created: rows.length > 0 }
  }

  /**
   * An admin blocks an address from all marketing (reason "manual"). The consent log records it
   * (topic "suppression:manual", revoked) with the admin and their note, so the block is provable.
   */
  @InjectTransactionManager()
  async suppressByAdmin(
    input: { email: string; actor_id: string | null; note?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: boolean }> {
    const email = normalizeEmail(input.email)
    const { created } = await this.addSuppression({ email, reason: "manual", source: "admin" }, sharedContext)
    if (created) await this.logSuppressionChange(email, "manual", "revoked", input.actor_id, input.note ?? null, sharedContext)
    return { created }
  }

  /**
   * An admin lifts a suppression (e.g. a bounced address the customer has fixed), with the reason
   * why. The row is soft-deleted, not erased, and the consent log records who lifted it, when and
   * why (topic "suppression:<reason>", granted). Null when there is no such suppression.
   */
  @InjectTransactionManager()
  async liftSuppression(
    input: { id: string; actor_id: string | null; note: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ email: string; reason: string } | null> {
    const manager = sharedContext.transactionManager as SqlManager
    const [row] = await manager.execute(
      `update retention_suppression set deleted_at = now(), updated_at = now()
       where id = ? and deleted_at is null returning email, reason`,
      [input.id]
    )
    if (!row) return null
    const lifted = { email: String(row.email), reason: String(row.reason) }
    await this.logSuppressionChange(lifted.email, lifted.reason, "granted", input.actor_id, input.note, sharedContext)
    return lifted
  }

  private async logSuppressionChange(
    email: string,
    reason: string,
    status: ConsentStatus,
    actorId: string | null,
    note: string | null,
    sharedContext: Context
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(
      `insert into retention_consent_log (id, email, topic, status, source, reference, note, recorded_at, created_at, updated_at)
       values ('rclg_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, 'admin', ?, ?, now(), now(), now())`,
      [email, `suppression:${reason}`, status, actorId, note]
    )
  }

  // ---------------------------------------------------------------------------------------
  // Provider events (SendGrid webhook)

  /**
   * Records provider events once each (unique sg_event_id) and moves message status forward
   * only: a late "delivered" never overwrites "clicked". Returns the events that were new.
   *
   * A whole batch is a fixed number of statements whatever its size: one insert (message ids
   * resolved by sg_message_id in the same statement, through its index) and one update per
   * event type, planned in linear time by planProviderEvents. A batch of 16,000 events used to
   * take an update and an array scan per event.
   */
  @InjectTransactionManager()
  async recordProviderEvents(
    events: {
      sg_event_id: string
      type: string
      message_id: string | null
      provider_message_id: string | null
      occurred_at: Date
      data: Record<string, unknown>
    }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ sg_event_id: string; message_id: string | null; type: string }[]> {
    if (!events.length) return []
    const manager = sharedContext.transactionManager as SqlManager
    const inserted = await bulkExecute(
      manager,
      `insert into retention_message_event (id, message_id, type, sg_event_id, occurred_at, data, created_at, updated_at)
       select 'rmev_' || replace(gen_random_uuid()::text, '-', ''),
              coalesce(x.mid, (select m.id from retention_message m where m.provider_message_id = x.pmid
                               and x.pmid is not null and m.deleted_at is null limit 1)),
              x.t, x.sg, x.at::timestamptz, x.d::jsonb, now(), now()
       from jsonb_to_recordset(?::jsonb) as x(sg text, t text, mid text, pmid text, at text, d text)
       where x.mid is null or exists (select 1 from retention_message m where m.id = x.mid)
       on conflict (sg_event_id) where sg_event_id is not null and deleted_at is null do nothing
       returning sg_event_id, message_id, type`,
      [
        JSON.stringify(
          events.map((e) => ({
            sg: e.sg_event_id,
            t: e.type,
            mid: e.message_id,
            pmid: e.provider_message_id,
            at: e.occurred_at.toISOString(),
            d: JSON.stringify(e.data),
          }))
        ),
      ]
    )
    const fresh = inserted.map((r) => ({
      sg_event_id: String(r.sg_event_id),
      message_id: (r.message_id as string | null) ?? null,
      type: String(r.type),
    }))
    const plan = planProviderEvents(
      events.map((e) => ({ ...e, email: "", bounce_type: null })),
      fresh
    )
    await this.applyProviderEventPlan(manager, plan)
    return fresh
  }

  /** The planned status changes, one statement per event type, in the order a message progresses. */
  private async applyProviderEventPlan(manager: SqlManager, plan: ProviderEventPlan) {
    for (const type of ["delivered", "open", "click"] as const) {
      const rows = plan.forward[type]
      if (!rows.length) continue
      const step = FORWARD_EVENTS[type]
      const rank = PROGRESS[step.status] ?? 0
      const lower = (Object.keys(PROGRESS) as MessageStatus[]).filter((s) => (PROGRESS[s] ?? 0) < rank)
      await bulkExecute(
        manager,
        `update retention_message m set ${step.column} = coalesce(m.${step.column}, x.at::timestamptz),
                status = case when m.status in (select jsonb_array_elements_text(?::jsonb)) then ? else m.status end,
                updated_at = now()
         from jsonb_to_recordset(?::jsonb) as x(id text, at text)
         where m.id = x.id`,
        [JSON.stringify(lower), step.status, JSON.stringify(rows)]
      )
    }
    for (const [ids, status, reason] of [
      [plan.bounced, "bounced", "bounce"],
      [plan.dropped, "failed", "dropped"],
    ] as const) {
      if (!ids.length) continue
      await bulkExecute(
        manager,
        `update retention_message set status = ?, status_reason = ?, updated_at = now()
         where id in (select jsonb_array_elements_text(?::jsonb)) and status in ('sending', 'sent', 'delivered')`,
        [status, reason, JSON.stringify(ids)]
      )
    }
  }

  /** Suppressions in one statement; an (address, reason) already suppressed is left as it is. */
  @InjectTransactionManager()
  async addSuppressions(
    input: { email: string; reason: SuppressionReason; source: string; message_id?: string | null }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: number }> {
    if (!input.length) return { created: 0 }
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await bulkExecute(
      manager,
      `insert into retention_suppression (id, email, reason, source, message_id, created_at, updated_at)
       select 'rsup_' || replace(gen_random_uuid()::text, '-', ''), x.email, x.reason, x.source, x.mid, now(), now()
       from jsonb_to_recordset(?::jsonb) as x(email text, reason text, source text, mid text)
       on conflict (email, reason) where deleted_at is null do nothing returning id`,
      [JSON.stringify(input.map((i) => ({ email: normalizeEmail(i.email), reason: i.reason, source: i.source, mid: i.message_id ?? null })))]
    )
    return { created: rows.length }
  }

  /**
   * Data retention: messages whose stored HTML or text is older than `days` days, in id order
   * after `after` (keyset paging, so one pass reads the table once). Messages that may still be
   * sent (queued, deferred, retrying, sending) keep their bodies.
   */
  @InjectManager()
  async listMessagesWithOldBodies(
    input: { now: Date; days: number; after: string | null; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sqlManager(sharedContext)
    const rows = await manager.execute(
      `select id from retention_message
       where id > ? and (html is not null or text is not null) and deleted_at is null
         and status not in ('queued', 'sending', 'deferred', 'retrying')
         and coalesce(sent_at, updated_at) < ?::timestamptz - make_interval(days => ?)
       order by id limit ?`,
      [input.after ?? "", input.now.toISOString(), input.days, input.limit]
    )
    return rows.map((r) => String(r.id))
  }

  /**
   * Drops the stored HTML and text of these messages, keeping the row, its status and its
   * events; metadata records when and under which setting (`body_dropped_at`,
   * `body_retention_days`) so the admin can say why the body is gone. The conditions are
   * checked again here, and rows another transaction holds are skipped (the next run takes them).
   */
  @InjectTransactionManager()
  async dropOldMessageBodies(
    input: { now: Date; days: number; ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    if (!input.ids.length) return 0
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_message m set html = null, text = null,
         metadata = coalesce(m.metadata, '{}'::jsonb) || jsonb_build_object('body_dropped_at', ?::text, 'body_retention_days', ?::int),
         updated_at = now()
       where m.id in (
         select id from retention_message
         where id in (select jsonb_array_elements_text(?::jsonb))
           and (html is not null or text is not null) and deleted_at is null
           and status not in ('queued', 'sending', 'deferred', 'retrying')
           and coalesce(sent_at, updated_at) < ?::timestamptz - make_interval(days => ?)
         for update skip locked)
       returning m.id`,
      [input.now.toISOString(), input.days, JSON.stringify(input.ids), input.now.toISOString(), input.days]
    )
    return rows.length
  }

  /**
   * Applies a batch of provider events: records each once, moves message status forward, adds
   * suppressions where the event means it (hard bounce, spam complaint, provider unsubscribe)
   * and re-checks the complaint rate of the campaigns and topics that got a complaint.
   */
  async applyProviderEvents(
    events: ProviderEventInput[]
  ): Promise<{ recorded: number; duplicates: number; suppressions: number; paused: string[] }> {
    const fresh = await this.recordProviderEvents(events)
    const plan = planProviderEvents(events, fresh)
    const { created: suppressions } = await this.addSuppressions(plan.suppressions)
    const paused: string[] = []
    if (plan.complaintMessages.length) {
      const messages = await this.listMessages({ id: plan.complaintMessages }, { select: ["id", "topic", "campaign_id"] })
      const scopes = new Map<string, { kind: "campaign" | "topic"; value: string }>()
      for (const m of messages) {
        scopes.set(`topic:${m.topic}`, { kind: "topic", value: m.topic })
        if (m.campaign_id) scopes.set(`campaign:${m.campaign_id}`, { kind: "campaign", value: m.campaign_id })
      }
      for (const [key, scope] of scopes) {
        if ((await this.evaluateComplaintRate(scope)).paused) paused.push(key)
      }
    }
    return { recorded: fresh.length, duplicates: events.length - fresh.length, suppressions, paused }
  }

  /**
   * Deliverability guard: complaint rate over the most recent sends of one scope. Pauses the
   * scope (idempotently) when it passes the threshold with enough sends to judge.
   */
  @InjectTransactionManager()
  async evaluateComplaintRate(
    scope: { kind: "campaign" | "topic"; value: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rate: number; sample: number; paused: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const column = scope.kind === "campaign" ? "campaign_id" : "topic"
    const [row] = await manager.execute(
      `with recent as (
         select id from retention_message
         where ${column} = ? and sent_at is not null and category = 'marketing' and deleted_at is null
         order by sent_at desc limit ?
       )
       select (select count(*) from recent)::int as sample,
              (select count(distinct e.message_id) from retention_message_event e
                 where e.type = 'spamreport' and e.message_id in (select id from recent))::int as complaints`,
      [scope.value, this.options.complaintWindowSends]
    )
    const sample = Number(row?.sample ?? 0)
    const complaints = Number(row?.complaints ?? 0)
    const rate = sample ? complaints / sample : 0
    let paused = false
    if (sample >= this.options.complaintMinSample && rate > this.options.complaintRateThreshold) {
      const key = `${scope.kind}:${scope.value}`
      const created = await manager.execute(
        `insert into retention_send_pause (id, scope, reason, complaint_rate, sample_size, created_at, updated_at)
         values ('rpau_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, now(), now())
         on conflict (scope) where resumed_at is null and deleted_at is null do nothing returning id`,
        [
          key,
          `spam complaint rate ${(rate * 100).toFixed(2)}% over the last ${sample} sends passed ${(
            this.options.complaintRateThreshold * 100
          ).toFixed(2)}%`,
          rate,
          sample,
        ]
      )
      paused = created.length > 0
    }
    return { rate, sample, paused }
  }
}

export default MessagingModuleService
