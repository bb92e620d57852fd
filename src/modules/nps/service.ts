import type { NpsDashboard, NpsFilter } from "./dashboard-types"
import { parsePluginOptions } from "../../lib/plugin-options"
import { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { signToken, verifyToken, VerifyResult } from "../../lib/signed-token"
import { NpsResponse } from "./models/nps-response"
import { NpsSurvey } from "./models/nps-survey"
import { NPS_LINK_PURPOSE, NpsOptions, npsOptionsSchema } from "./options"
import { bucketStarts, classifyScore, Click, computeNps, detectScanner, NpsCategory, trendBucket, trimClicks } from "./scoring"

type Row = Record<string, unknown>
type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Row[]> }

// s: survey id, l: locale for the landing page.
export type NpsLinkClaims = { s: string; l: string }

export type ScheduleSurveyInput = {
  order_id: string
  order_display_id: string | null
  customer_id: string | null
  email: string | null
  locale: string | null
  fulfillment_id: string
  // The order's products, for the comment feed's product filter.
  product_ids?: string[] | null
  delivered_at: Date
  delay_days: number
  throttle_days: number
  enabled: boolean
}

export type ScheduleSurveyResult = { created: boolean; survey_id: string | null; status: string | null; skip_reason: string | null }

export type ResponseView = {
  id: string
  survey_id: string
  order_id: string
  score: number
  category: NpsCategory
  status: "tentative" | "confirmed" | "discarded"
  discard_reason: string | null
  comment: string | null
  confirmed_at: Date | null
  alert_sent_at: Date | null
}

export type { NpsDashboard, NpsFilter }

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string))

function toResponse(r: Row): ResponseView {
  return {
    id: String(r.id),
    survey_id: String(r.survey_id),
    order_id: String(r.order_id),
    score: Number(r.score),
    category: r.category as NpsCategory,
    status: r.status as ResponseView["status"],
    discard_reason: (r.discard_reason as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    confirmed_at: toDate(r.confirmed_at),
    alert_sent_at: toDate(r.alert_sent_at),
  }
}

const newId = (prefix: string) => generateEntityId(undefined, prefix)

/**
 * SQL conditions on the responses `r` for a selection; `at` is the moment the period bounds.
 * Surveys scheduled before product ids were stored have none and match no product.
 */
function answerConditions(filter: NpsFilter, at: string): { where: string[]; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.category) {
    where.push(`r.category = ?`)
    params.push(filter.category)
  }
  if (filter.from) {
    where.push(`${at} >= ?`)
    params.push(filter.from.toISOString())
  }
  if (filter.to) {
    where.push(`${at} < ?`)
    params.push(filter.to.toISOString())
  }
  if (filter.with_comment !== undefined) where.push(filter.with_comment ? `r.comment is not null` : `r.comment is null`)
  if (filter.q) {
    // The words as typed: % and _ match themselves (backslash is ILIKE's escape character).
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push(`(r.comment ilike ? or r.email ilike ?)`)
    params.push(pattern, pattern)
  }
  if (filter.product_id) {
    where.push(`exists (select 1 from retention_nps_survey ps where ps.id = r.survey_id and ps.deleted_at is null and ps.product_ids @> ?::jsonb)`)
    params.push(JSON.stringify([filter.product_id]))
  }
  return { where, params }
}

/** Columns the comment feed sorts by: the API's `order` enum is built from these. */
export const FEED_ORDER_FIELDS = ["confirmed_at", "score"] as const

/**
 * Fixed SQL for each order the feed accepts (the request only picks one of these strings). Equal
 * scores keep newest first; the id keeps rows of the same value in one order across pages.
 */
const FEED_ORDER_SQL: Record<string, string> = {
  confirmed_at: "r.confirmed_at asc, r.id",
  "-confirmed_at": "r.confirmed_at desc, r.id",
  score: "r.score asc, r.confirmed_at desc, r.id",
  "-score": "r.score desc, r.confirmed_at desc, r.id",
}
const feedOrderSql = (order = "-confirmed_at") =>
  Object.prototype.hasOwnProperty.call(FEED_ORDER_SQL, order) ? FEED_ORDER_SQL[order] : FEED_ORDER_SQL["-confirmed_at"]

class NpsModuleService extends MedusaService({ NpsSurvey, NpsResponse }) {
  readonly options: NpsOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(npsOptionsSchema, options)
  }

  // ---------------------------------------------------------------------------------------
  // Links

  /** Eleven links (scores 0–10) sharing one signed token; the score travels as `score`. */
  scoreUrls(claims: NpsLinkClaims, now = new Date()): string[] {
    const token = signToken(NPS_LINK_PURPOSE, claims, this.options.tokenSecret, this.options.nps.linkTtlDays * 86400, now)
    const base = `${this.options.publicUrl.replace(/\/$/, "")}/retention/nps/answer?token=${encodeURIComponent(token)}`
    return Array.from({ length: 11 }, (_, score) => `${base}&score=${score}`)
  }

  verifyAnswerToken(token: unknown, now = new Date()): VerifyResult<NpsLinkClaims> {
    return verifyToken<NpsLinkClaims>(token, NPS_LINK_PURPOSE, this.options.tokenSecret, now)
  }

  adminOrderUrl(orderId: string): string {
    const base = (this.options.adminUrl ?? `${this.options.publicUrl.replace(/\/$/, "")}/app`).replace(/\/$/, "")
    return `${base}/orders/${orderId}`
  }

  // ---------------------------------------------------------------------------------------
  // Scheduling and sending

  /**
   * Creates the order's one survey. A second delivery of the same order (or the same event
   * twice) finds the unique order_id taken and changes nothing. The per-address advisory lock
   * makes the throttle check and the insert one step for concurrent orders of one person.
   */
  @InjectTransactionManager()
  async scheduleSurvey(input: ScheduleSurveyInput, @MedusaContext() sharedContext: Context = {}): Promise<ScheduleSurveyResult> {
    const manager = sharedContext.transactionManager as SqlManager
    const email = (input.email ?? "").trim().toLowerCase()
    const [existing] = await manager.execute(`select id from retention_nps_survey where order_id = ? and deleted_at is null`, [input.order_id])
    if (existing) return { created: false, survey_id: String(existing.id), status: null, skip_reason: null }

    let skip: string | null = null
    if (!input.enabled) skip = "disabled"
    else if (!email) skip = "no_email"
    else {
      await manager.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`retention_nps:${email}`])
      const [recent] = await manager.execute(
        `select id from retention_nps_survey
         where email = ? and status in ('scheduled', 'sent', 'responded') and deleted_at is null
           and coalesce(sent_at, due_at) >= ?::timestamptz - make_interval(days => ?)`,
        [email, input.delivered_at.toISOString(), input.throttle_days]
      )
      if (recent) skip = "throttled"
    }
    const dueAt = new Date(input.delivered_at.getTime() + input.delay_days * 86400_000)
    const id = newId("npss")
    const rows = await manager.execute(
      `insert into retention_nps_survey
         (id, order_id, order_display_id, customer_id, email, locale, fulfillment_id, product_ids, delivered_at, status, skip_reason, due_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, now(), now())
       on conflict (order_id) where deleted_at is null do nothing
       returning id, status, skip_reason`,
      [
        id,
        input.order_id,
        input.order_display_id,
        input.customer_id,
        email || "(none)",
        input.locale,
        input.fulfillment_id,
        input.product_ids ? JSON.stringify([...new Set(input.product_ids)].sort()) : null,
        input.delivered_at.toISOString(),
        skip ? "skipped" : "scheduled",
        skip,
        dueAt.toISOString(),
      ]
    )
    if (!rows[0]) return { created: false, survey_id: null, status: null, skip_reason: null }
    return { created: true, survey_id: String(rows[0].id), status: String(rows[0].status), skip_reason: (rows[0].skip_reason as string) ?? null }
  }

  /**
   * Claims due surveys for one scheduler tick: pushes their due_at forward by a lease, so a
   * second worker ticking at the same moment (skip locked) takes none of them.
   */
  @InjectTransactionManager()
  async claimDueSurveys(
    input: { now: Date; limit: number; leaseSeconds: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `update retention_nps_survey s set due_at = ?::timestamptz + make_interval(secs => ?), updated_at = now()
       where s.id in (
         select id from retention_nps_survey
         where status = 'scheduled' and due_at <= ? and deleted_at is null
         order by due_at limit ? for update skip locked)
       returning s.id`,
      [input.now.toISOString(), input.leaseSeconds, input.now.toISOString(), input.limit]
    )
    return rows.map((r) => String(r.id))
  }

  /** What the messaging workflow said: sent, deferred (retry then, same key) or suppressed. */
  @InjectTransactionManager()
  async recordSendOutcome(
    input: { survey_id: string; status: string; reason: string | null; deferred_until: Date | null; message_id: string | null; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string> {
    const manager = sharedContext.transactionManager as SqlManager
    if (input.status === "sent") {
      await manager.execute(
        `update retention_nps_survey set status = 'sent', sent_at = coalesce(sent_at, ?), message_id = ?, updated_at = now()
         where id = ? and status = 'scheduled'`,
        [input.now.toISOString(), input.message_id, input.survey_id]
      )
      return "sent"
    }
    if (input.status === "deferred" && input.deferred_until) {
      await manager.execute(`update retention_nps_survey set due_at = ?, updated_at = now() where id = ? and status = 'scheduled'`, [
        input.deferred_until.toISOString(),
        input.survey_id,
      ])
      return "deferred"
    }
    if (input.status === "in_progress" || input.status === "queued" || input.status === "rendered" || input.status === "sending") {
      // Another worker holds the message; the lease brings the survey back later.
      return "in_progress"
    }
    await manager.execute(
      `update retention_nps_survey set status = 'skipped', skip_reason = ?, updated_at = now() where id = ? and status = 'scheduled'`,
      [`${input.status}${input.reason ? `:${input.reason}` : ""}`, input.survey_id]
    )
    return "skipped"
  }

  // ---------------------------------------------------------------------------------------
  // Answers

  /**
   * A GET on a score link. Creates or updates the survey's one response as tentative, or
   * discards it when the click pattern is a scanner's. The survey row is locked so eleven
   * simultaneous scanner hits are judged one after another.
   *
   * A confirmed response is never touched here: a person already confirmed it, so a later GET
   * (a scanner re-checking the email, a second tap) proves nothing and only the answer page's
   * POST may change it. The caller sees the confirmed response and shows its score.
   */
  @InjectTransactionManager()
  async recordClick(
    input: { survey_id: string; score: number; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ResponseView> {
    const manager = sharedContext.transactionManager as SqlManager
    const category = classifyScore(input.score)
    const [survey] = await manager.execute(`select * from retention_nps_survey where id = ? and deleted_at is null for update`, [input.survey_id])
    if (!survey || (survey.status !== "sent" && survey.status !== "responded")) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This survey is not open for answers")
    }
    const [existing] = await manager.execute(`select * from retention_nps_response where survey_id = ? and deleted_at is null`, [input.survey_id])
    if (existing?.status === "confirmed") return toResponse(existing)
    const previous = (existing?.clicks as Click[] | null) ?? []
    const clicks = trimClicks([...previous, { score: input.score, at: input.now.toISOString() }], input.now)
    const verdict = detectScanner({ sentAt: toDate(survey.sent_at), clicks })
    const status = verdict.scanner ? "discarded" : "tentative"
    const reason = verdict.scanner ? verdict.reason : null
    if (!existing) {
      const [row] = await manager.execute(
        `insert into retention_nps_response
           (id, survey_id, order_id, customer_id, email, score, category, status, discard_reason, clicks, first_clicked_at, last_clicked_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, now(), now()) returning *`,
        [
          newId("npsr"),
          input.survey_id,
          survey.order_id,
          survey.customer_id ?? null,
          survey.email,
          input.score,
          category,
          status,
          reason,
          JSON.stringify(clicks),
          input.now.toISOString(),
          input.now.toISOString(),
        ]
      )
      return toResponse(row)
    }
    // Compare-and-set: the update applies only while the response is still unconfirmed, in the
    // same statement, so a confirmation that commits between the read above and this write (any
    // path that does not take the survey lock) is never demoted by a click.
    const [row] = await manager.execute(
      `update retention_nps_response set score = ?, category = ?, status = ?, discard_reason = ?, clicks = ?::jsonb,
         last_clicked_at = ?, updated_at = now() where id = ? and status <> 'confirmed' returning *`,
      [input.score, category, status, reason, JSON.stringify(clicks), input.now.toISOString(), existing.id]
    )
    if (row) return toResponse(row)
    const [current] = await manager.execute(`select * from retention_nps_response where id = ?`, [existing.id])
    return toResponse(current)
  }

  /**
   * The landing page confirms the score (script on load, or the comment form). A discarded
   * response stays discarded. Returns whether the response is now a confirmed detractor whose
   * alert has not gone out yet.
   */
  @InjectTransactionManager()
  async confirmResponse(
    input: { survey_id: string; score: number; comment?: string | null; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ response: ResponseView | null; needs_alert: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const category = classifyScore(input.score)
    const [survey] = await manager.execute(`select * from retention_nps_survey where id = ? and deleted_at is null for update`, [input.survey_id])
    if (!survey || (survey.status !== "sent" && survey.status !== "responded")) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This survey is not open for answers")
    }
    const [existing] = await manager.execute(`select * from retention_nps_response where survey_id = ? and deleted_at is null`, [input.survey_id])
    if (!existing) {
      // Only a score link's GET creates a response: a confirmation alone proves no click.
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Open a score link from the email first")
    }
    if (existing.status === "discarded") return { response: toResponse(existing), needs_alert: false }
    const comment = input.comment === undefined || input.comment === null ? null : input.comment.trim() || null
    const [row] = await manager.execute(
      `update retention_nps_response set score = ?, category = ?, status = 'confirmed', confirmed_at = coalesce(confirmed_at, ?),
         comment = coalesce(?, comment), updated_at = now() where id = ? returning *`,
      [input.score, category, input.now.toISOString(), comment, existing.id]
    )
    await manager.execute(`update retention_nps_survey set status = 'responded', updated_at = now() where id = ?`, [input.survey_id])
    const response = toResponse(row)
    return { response, needs_alert: response.category === "detractor" && !response.alert_sent_at }
  }

  @InjectTransactionManager()
  async markAlertSent(input: { response_id: string; now: Date }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(`update retention_nps_response set alert_sent_at = coalesce(alert_sent_at, ?), updated_at = now() where id = ?`, [
      input.now.toISOString(),
      input.response_id,
    ])
  }

  // ---------------------------------------------------------------------------------------
  // Dashboard

  /**
   * The dashboard of one selection (the same filters as the feed) in four aggregate queries;
   * only confirmed answers count.
   */
  @InjectManager()
  async dashboard(input: { now: Date; filter?: NpsFilter }, @MedusaContext() sharedContext: Context = {}): Promise<NpsDashboard> {
    const manager = sharedContext.manager as SqlManager
    const filter = input.filter ?? {}
    const n = (v: unknown) => Number(v ?? 0)
    // One pass: counts per (status, score). A click that was never confirmed is dated by its last click.
    const cells = answerConditions(filter, "coalesce(r.confirmed_at, r.last_clicked_at)")
    const rows = await manager.execute(
      `select r.status, r.score, count(*) as n, count(*) filter (where r.comment is not null) as commented, min(r.confirmed_at) as first
       from retention_nps_response r where ${["r.deleted_at is null", ...cells.where].join(" and ")}
       group by r.status, r.score`,
      cells.params
    )
    const counts = { promoters: 0, passives: 0, detractors: 0 }
    const distribution = new Array(11).fill(0)
    let withComment = 0
    let discarded = 0
    let tentative = 0
    let first: Date | null = null
    for (const c of rows) {
      if (c.status === "discarded") discarded += n(c.n)
      if (c.status === "tentative") tentative += n(c.n)
      if (c.status !== "confirmed") continue
      const score = n(c.score)
      distribution[score] += n(c.n)
      withComment += n(c.commented)
      counts[score >= 9 ? "promoters" : score >= 7 ? "passives" : "detractors"] += n(c.n)
      const at = toDate(c.first)
      if (at && (!first || at < first)) first = at
    }

    // The trend runs from the period's start (else the first answer) to its end (else now),
    // with the buckets that have no answer present, so the x axis is true to time.
    const points: NpsDashboard["trend"]["points"] = []
    const lo = filter.from ?? first
    const hi = filter.to ?? input.now
    const bucket = lo ? trendBucket(lo, hi) : "day"
    if (lo && first) {
      const confirmed = answerConditions(filter, "r.confirmed_at")
      const trend = await manager.execute(
        `select to_char(date_trunc(?, r.confirmed_at at time zone 'UTC'), 'YYYY-MM-DD') as start,
           count(*) as n, count(*) filter (where r.score >= 9) as p, count(*) filter (where r.score <= 6) as d
         from retention_nps_response r
         where ${["r.status = 'confirmed'", "r.deleted_at is null", ...confirmed.where].join(" and ")}
         group by 1`,
        [bucket, ...confirmed.params]
      )
      const byStart = new Map(trend.map((t) => [String(t.start), t]))
      const starts = [...new Set([...bucketStarts(lo, hi, bucket), ...byStart.keys()])].sort()
      for (const start of starts) {
        const t = byStart.get(start)
        const total = n(t?.n)
        points.push({ start, responses: total, nps: computeNps({ promoters: n(t?.p), detractors: n(t?.d), passives: total - n(t?.p) - n(t?.d) }) })
      }
    }

    // Response rate: of the surveys sent in the period (of the product), those answered. A
    // filter on the answers (score, comment, words) has no counterpart among unanswered surveys.
    const surveys: string[] = [`s.status in ('sent', 'responded')`, `s.deleted_at is null`]
    const surveyParams: unknown[] = []
    if (filter.from) {
      surveys.push(`s.sent_at >= ?`)
      surveyParams.push(filter.from.toISOString())
    }
    if (filter.to) {
      surveys.push(`s.sent_at < ?`)
      surveyParams.push(filter.to.toISOString())
    }
    if (filter.product_id) {
      surveys.push(`s.product_ids @> ?::jsonb`)
      surveyParams.push(JSON.stringify([filter.product_id]))
    }
    const [sent] = await manager.execute(
      `select count(*) as n, count(*) filter (where exists (
         select 1 from retention_nps_response x where x.survey_id = s.id and x.status = 'confirmed' and x.deleted_at is null)) as answered
       from retention_nps_survey s where ${surveys.join(" and ")}`,
      surveyParams
    )
    const surveysSent = n(sent?.n)
    const surveysAnswered = n(sent?.answered)
    const answerFilter = filter.category !== undefined || filter.with_comment !== undefined || !!filter.q
    return {
      nps: computeNps(counts),
      responses: counts.promoters + counts.passives + counts.detractors,
      ...counts,
      with_comment: withComment,
      distribution,
      trend: { bucket, points },
      surveys_sent: surveysSent,
      surveys_answered: surveysAnswered,
      response_rate: surveysSent && !answerFilter ? Math.round((surveysAnswered * 1000) / surveysSent) / 10 : null,
      discarded,
      tentative,
    }
  }

  /** Confirmed responses of a selection, newest first, with the survey's order number and products. */
  @InjectManager()
  async feed(
    // order: a field of FEED_ORDER_FIELDS, "-" for descending; newest first by default.
    input: { filter?: NpsFilter; order?: string; limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{
    responses: (ResponseView & { email: string; customer_id: string | null; order_display_id: string | null; product_ids: string[] | null })[]
    count: number
  }> {
    const manager = sharedContext.manager as SqlManager
    const conditions = answerConditions(input.filter ?? {}, "r.confirmed_at")
    const clause = [`r.status = 'confirmed'`, `r.deleted_at is null`, `s.deleted_at is null`, ...conditions.where].join(" and ")
    const from = `retention_nps_response r join retention_nps_survey s on s.id = r.survey_id`
    const rows = await manager.execute(
      `select r.*, s.order_display_id, s.product_ids from ${from}
       where ${clause} order by ${feedOrderSql(input.order)} limit ? offset ?`,
      [...conditions.params, input.limit, input.offset]
    )
    const [count] = await manager.execute(`select count(*) as n from ${from} where ${clause}`, conditions.params)
    return {
      responses: rows.map((r) => ({
        ...toResponse(r),
        email: String(r.email),
        customer_id: (r.customer_id as string | null) ?? null,
        order_display_id: (r.order_display_id as string | null) ?? null,
        product_ids: (r.product_ids as string[] | null) ?? null,
      })),
      count: Number(count?.n ?? 0),
    }
  }

  /**
   * Surveys of customers whose answer was confirmed in [from, to): what points for answering
   * may be owed on. Oldest first, keyset-paged after the last row of the previous page.
   */
  @InjectManager()
  async listConfirmedCustomerAnswers(
    input: { from: Date; to: Date; limit: number; after?: { cursor: string; survey_id: string } | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ survey_id: string; customer_id: string; cursor: string }[]> {
    const manager = sharedContext.manager as SqlManager
    const after = input.after ?? { cursor: input.from.toISOString(), survey_id: "" }
    // The cursor is the confirmation time as the database writes it (to the microsecond): a
    // JavaScript Date would round it and repeat or skip rows at a page boundary.
    const rows = await manager.execute(
      `select s.id as survey_id, s.customer_id, r.confirmed_at::text as cursor from retention_nps_response r
       join retention_nps_survey s on s.id = r.survey_id and s.deleted_at is null
       where r.status = 'confirmed' and r.deleted_at is null and s.customer_id is not null
         and r.confirmed_at >= ? and r.confirmed_at < ? and (r.confirmed_at, s.id) > (?::timestamptz, ?)
       order by r.confirmed_at, s.id limit ?`,
      [input.from.toISOString(), input.to.toISOString(), after.cursor, after.survey_id, input.limit]
    )
    return rows.map((r) => ({ survey_id: String(r.survey_id), customer_id: String(r.customer_id), cursor: String(r.cursor) }))
  }

  /** Products seen on surveyed orders that have confirmed responses, most answered first (the feed's picker). */
  @InjectManager()
  async feedProducts(input: { limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<{ product_id: string; responses: number }[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(
      `select p.product_id, count(*) as n
       from retention_nps_response r join retention_nps_survey s on s.id = r.survey_id
       cross join lateral jsonb_array_elements_text(s.product_ids) as p(product_id)
       where r.status = 'confirmed' and r.deleted_at is null and s.deleted_at is null
       group by p.product_id order by n desc, p.product_id limit ?`,
      [input.limit]
    )
    return rows.map((r) => ({ product_id: String(r.product_id), responses: Number(r.n) }))
  }
}

export default NpsModuleService
