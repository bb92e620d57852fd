// Shapes of the admin subscription API (/admin/retention/subscriptions, /replenishment/plans) as
// the dashboard receives them (dates as ISO strings), and the small helpers its pages share.
import { formatMoney, formatPercent } from "./analytics"
import { NumberRule, parseNumberField, splitFieldErrors } from "./number-input"

export { formatMoney, formatPercent }

export const SUBSCRIPTION_STATUSES = ["active", "paused", "payment_failed", "canceled"] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

export type SubscriptionItem = {
  variant_id: string
  product_id: string
  quantity: number
  title: string
  variant_title: string | null
}

export type ShippingAddress = {
  first_name?: string | null
  last_name?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
}

export type SubscriptionView = {
  id: string
  customer_id: string
  email: string
  items: SubscriptionItem[]
  interval: string
  status: SubscriptionStatus
  /** The current period's date. */
  period_at: string
  /** When the scheduler acts next: later than period_at while a payment is retried. */
  next_run_at: string
  paused_until: string | null
  currency_code: string
  discount_percent: number | null
  /** One renewal's items after the discount, in the subscription's currency. */
  renewal_value: number | null
  renewal_count: number
  skipped_count: number
  failed_count: number
  cancel_reason: string | null
  canceled_at: string | null
  created_at: string
  region_id: string
  sales_channel_id: string | null
  shipping_address: ShippingAddress | null
  shipping_option_id: string | null
  payment_provider_id: string
  /** The order the subscription was made from. */
  origin_order_id: string | null
}

export type SubscriptionList = { subscriptions: SubscriptionView[]; count: number; limit: number; offset: number }

export type MoneyAmount = { currency_code: string; amount: number }

export type SubscriptionStats = {
  active: number
  paused: number
  payment_failed: number
  canceled_30d: number
  /** Share (0–1) of subscriptions canceled in the last 30 days; null with nothing to measure. */
  churn_30d: number | null
  mrr: MoneyAmount[]
  due_7d: { count: number; value: MoneyAmount[] }
}

export const RUN_STATUSES = ["pending", "cart_created", "ordered", "skipped", "failed"] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export type SubscriptionRun = {
  id: string
  period: string
  scheduled_for: string
  status: RunStatus
  order_id: string | null
  order_display_id: number | null
  attempts: number
  next_retry_at: string | null
  error: string | null
  unavailable: { variant_id: string; title: string }[] | null
  trigger: string
  created_at: string
}

export type SubscriptionEvent = {
  id: string
  actor_type: "customer" | "admin" | "system"
  actor_id: string | null
  action: string
  detail: Record<string, unknown> | null
  created_at: string
}

export type SubscriptionDetail = { subscription: SubscriptionView; runs: SubscriptionRun[]; events: SubscriptionEvent[] }

export type SubscriptionActionName = "skip" | "pause" | "resume" | "cancel" | "run_now" | "change_interval" | "payment_updated"
export type SubscriptionActionBody =
  | { action: "skip" | "resume" | "run_now" | "payment_updated" }
  | { action: "pause"; until?: string }
  | { action: "cancel"; reason?: string }
  | { action: "change_interval"; interval: string }

export type ReplenishmentPlan = {
  id: string
  product_id: string
  variant_id: string | null
  intervals: string[]
  default_interval: string
  discount_percent: number | null
  min_orders: number
  active: boolean
}

export type PlanInput = Omit<ReplenishmentPlan, "id">

type BadgeColor = "green" | "orange" | "red" | "grey" | "blue" | "purple"

export const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: "Active",
  paused: "Paused",
  payment_failed: "Payment failed",
  canceled: "Canceled",
}

export const STATUS_COLOR: Record<SubscriptionStatus, BadgeColor> = {
  active: "green",
  paused: "orange",
  payment_failed: "red",
  canceled: "grey",
}

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  pending: "Pending",
  cart_created: "Cart created",
  ordered: "Ordered",
  skipped: "Skipped",
  failed: "Failed",
}

export const RUN_STATUS_COLOR: Record<RunStatus, BadgeColor> = {
  pending: "blue",
  cart_created: "orange",
  ordered: "green",
  skipped: "grey",
  failed: "red",
}

export const statusLabel = (status: string) => STATUS_LABELS[status as SubscriptionStatus] ?? humanize(status)
export const statusColor = (status: string): BadgeColor => STATUS_COLOR[status as SubscriptionStatus] ?? "grey"
export const runStatusLabel = (status: string) => RUN_STATUS_LABELS[status as RunStatus] ?? humanize(status)
export const runStatusColor = (status: string): BadgeColor => RUN_STATUS_COLOR[status as RunStatus] ?? "grey"

/** "payment_failed" → "Payment failed" */
export function humanize(code: string): string {
  const text = code.replace(/_/g, " ").trim()
  return text ? text[0].toUpperCase() + text.slice(1) : code
}

// Interval codes as the module accepts them (modules/replenishment/schedule.ts): 1–999 days,
// weeks or months, at most a year. Checked here too so a typo shows at the field before a request.
const INTERVAL = /^([1-9][0-9]{0,2})([dwm])$/
const UNIT_DAYS = { d: 1, w: 7, m: 30.4375 } as const
const UNIT_NAMES = { d: ["day", "days"], w: ["week", "weeks"], m: ["month", "months"] } as const

export type IntervalCode = { count: number; unit: "d" | "w" | "m" }

/** "4w" → { count: 4, unit: "w" }; null for anything else or longer than a year. */
export function parseIntervalCode(code: string): IntervalCode | null {
  const match = INTERVAL.exec(code.trim().toLowerCase())
  if (!match) return null
  const interval = { count: Number(match[1]), unit: match[2] as IntervalCode["unit"] }
  return interval.count * UNIT_DAYS[interval.unit] > 366 ? null : interval
}

/** "2w" → "Every 2 weeks", "1m" → "Every month", "30d" → "Every 30 days"; an unknown code as is. */
export function intervalLabel(code: string): string {
  const interval = parseIntervalCode(code)
  if (!interval) return code
  const [one, many] = UNIT_NAMES[interval.unit]
  return interval.count === 1 ? `Every ${one}` : `Every ${interval.count} ${many}`
}

/**
 * "2w, 4w 6W" → ["2w", "4w", "6w"]: split on commas (or spaces between codes), "2 w" read as
 * "2w", lower-cased, duplicates dropped, in the order typed. The error quotes the first piece
 * that is not an interval as it was typed ("2 weeks").
 */
export function parseIntervalList(text: string): { ok: true; value: string[] } | { ok: false; error: string } {
  const codes: string[] = []
  for (const piece of text.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const joined = piece.replace(/^(\d+)\s+([a-z])$/i, "$1$2").toLowerCase()
    const words = joined.split(/\s+/)
    if (!words.every((w) => parseIntervalCode(w))) {
      return { ok: false, error: `"${piece}" is not an interval: use days, weeks or months up to a year, e.g. 30d, 2w, 1m` }
    }
    codes.push(...words)
  }
  if (!codes.length) return { ok: false, error: "add at least one interval, e.g. 2w, 4w" }
  return { ok: true, value: [...new Set(codes)] }
}

/** The plan form as typed: numbers stay text until Save, so an emptied field is not a 0. */
export type PlanDraft = {
  intervals: string
  default_interval: string
  discount_percent: string
  min_orders: string
  active: boolean
}

export const PLAN_FIELD_LABELS: Record<string, string> = {
  intervals: "Intervals",
  default_interval: "Default interval",
  discount_percent: "Subscribe-and-save discount (%)",
  min_orders: "Minimum orders",
  active: "Offered",
  product_id: "Product",
  variant_id: "Variant",
}

const DISCOUNT_RULE: NumberRule = { min: 0, max: 90 }
const MIN_ORDERS_RULE: NumberRule = { min: 0, max: 100, integer: true }

export function planToDraft(plan: ReplenishmentPlan | null | undefined): PlanDraft {
  return {
    intervals: plan ? plan.intervals.join(", ") : "",
    default_interval: plan?.default_interval ?? "",
    discount_percent: plan?.discount_percent === null || plan?.discount_percent === undefined ? "" : String(plan.discount_percent),
    min_orders: String(plan?.min_orders ?? 0),
    active: plan?.active ?? true,
  }
}

/** The draft checked as the server checks it; errors keyed by field, worded to follow its label. */
export function validatePlanDraft(
  draft: PlanDraft
): { ok: true; value: Omit<PlanInput, "product_id" | "variant_id"> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const intervals = parseIntervalList(draft.intervals)
  if (!intervals.ok) errors.intervals = intervals.error
  const fallback = intervals.ok && intervals.value.length === 1 ? intervals.value[0] : ""
  const chosen = draft.default_interval.trim().toLowerCase() || fallback
  if (!chosen) errors.default_interval = "choose one of the intervals"
  else if (intervals.ok && !intervals.value.includes(chosen)) errors.default_interval = `must be one of the intervals (${intervals.value.join(", ")})`
  let discount: number | null = null
  if (draft.discount_percent.trim()) {
    const parsed = parseNumberField(draft.discount_percent, DISCOUNT_RULE)
    if (parsed.ok) discount = parsed.value
    else errors.discount_percent = parsed.error
  }
  let minOrders = 0
  if (draft.min_orders.trim()) {
    const parsed = parseNumberField(draft.min_orders, MIN_ORDERS_RULE)
    if (parsed.ok) minOrders = parsed.value
    else errors.min_orders = parsed.error
  }
  if (Object.keys(errors).length || !intervals.ok) return { ok: false, errors }
  return {
    ok: true,
    value: { intervals: intervals.value, default_interval: chosen, discount_percent: discount, min_orders: minOrders, active: draft.active },
  }
}

/**
 * A 400 from the plugin ("interval: … is not an interval; status: the subscription is canceled")
 * with each field named by the form's label; `status` needs no label, its message says it all.
 */
export function describeApiError(message: string, labels: Record<string, string> = {}): string {
  return splitFieldErrors(message)
    .map(({ path, message: text }) => {
      if (!path || path === "status") return text
      const label = labels[path] ?? labels[path.split(".")[0]]
      return `${label ?? path}: ${text}`
    })
    .join("; ")
}

/** The same 400 split per field of a form (by first path segment); the rest stays together. */
export function fieldErrors(message: string, fields: string[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {}
  const other: string[] = []
  for (const { path, message: text } of splitFieldErrors(message)) {
    const field = path.split(".")[0]
    if (fields.includes(field)) byField[field] = byField[field] ? `${byField[field]}; ${text}` : text
    else other.push(path ? `${path}: ${text}` : text)
  }
  return { byField, other }
}

/** Amounts in several currencies on one line: "€12.50 · $30.00"; "–" for none. */
export function formatMoneyList(amounts: MoneyAmount[]): string {
  return amounts.length ? amounts.map((a) => formatMoney(a.amount, a.currency_code)).join(" · ") : "–"
}

/** "2 × Ethiopia beans (1 kg), Filter papers" */
export function itemsSummary(items: SubscriptionItem[]): string {
  if (!items.length) return "–"
  return items
    .map((i) => `${i.quantity > 1 ? `${i.quantity} × ` : ""}${i.title}${i.variant_title ? ` (${i.variant_title})` : ""}`)
    .join(", ")
}

const DAY_MS = 86_400_000

// Dates as Medusa's admin writes them in English ("Dec 4, 2026", "Dec 4, 2026, 3:05 PM").
const DATE_LOCALE = "en-US"
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/

/** "today", "tomorrow", "in 5 days", "yesterday", "3 days ago", by calendar day in local time. */
export function relativeDay(iso: string, now = new Date()): string {
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())
  const diff = Math.round((day(new Date(iso)) - day(now)) / DAY_MS)
  if (diff === 0) return "today"
  if (diff === 1) return "tomorrow"
  if (diff === -1) return "yesterday"
  return diff > 0 ? `in ${diff} days` : `${-diff} days ago`
}

/**
 * "Dec 4, 2026". A calendar date ("2026-12-04": a run's period) is that day wherever the admin
 * is; a moment is the local day.
 */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleDateString(DATE_LOCALE, { day: "numeric", month: "short", year: "numeric", ...(DAY_ONLY.test(iso) ? { timeZone: "UTC" } : {}) })
}

/** "Dec 4, 2026, 3:05 PM", local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(DATE_LOCALE, { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" })
}

/**
 * What the list and the detail show as "next renewal": a date for an active subscription (with
 * the retry when a payment is being retried), and why there is none otherwise.
 */
export function nextRenewal(s: Pick<SubscriptionView, "status" | "period_at" | "next_run_at" | "paused_until">): {
  date: string | null
  text: string
  note: string | null
} {
  switch (s.status) {
    case "active": {
      const retry = new Date(s.next_run_at).getTime() > new Date(s.period_at).getTime()
      return { date: s.period_at, text: formatDay(s.period_at), note: retry ? `payment retry ${formatDateTime(s.next_run_at)}` : null }
    }
    case "paused":
      return { date: null, text: s.paused_until ? `Paused until ${formatDay(s.paused_until)}` : "Paused until resumed", note: null }
    case "payment_failed":
      return { date: null, text: "On hold", note: "payment failed" }
    default:
      return { date: null, text: "–", note: null }
  }
}

/**
 * A payment provider as Medusa's admin names it: "pp_system_default" → "System (DEFAULT)",
 * "pp_stripe-blik_stripe" → "Stripe Blik (STRIPE)"; anything else as it is.
 */
export function providerLabel(id: string): string {
  const [prefix, name, ...rest] = id.split("_")
  if (!prefix || !name) return id
  const words = name
    .split("-")
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ")
  return rest.length ? `${words} (${rest.join("_").toUpperCase()})` : words
}

/** Name, street, postcode and city, country: the lines of a shipping address that are set. */
export function addressLines(a: ShippingAddress | null | undefined): string[] {
  if (!a) return []
  const name = [a.first_name, a.last_name].filter(Boolean).join(" ")
  const city = [a.postal_code, a.city].filter(Boolean).join(" ")
  return [name, a.company, a.address_1, a.address_2, city, [a.province, a.country_code?.toUpperCase()].filter(Boolean).join(", "), a.phone]
    .map((l) => (l ?? "").trim())
    .filter(Boolean)
}

export const EVENT_LABELS: Record<string, string> = {
  created: "Subscribed",
  interval_changed: "Interval changed",
  items_changed: "Items changed",
  quantity_changed: "Quantity changed",
  address_changed: "Address changed",
  shipping_option_changed: "Shipping option changed",
  skipped: "Skipped a delivery",
  paused: "Paused",
  resumed: "Resumed",
  canceled: "Canceled",
  renewed: "Renewed",
  run_now: "Ordered now",
  payment_failed: "Payment failed",
  payment_updated: "Payment updated",
  payment_retry_scheduled: "Payment declined, retry scheduled",
  postponed_out_of_stock: "Postponed: out of stock",
  renewal_error: "Renewal error",
  details_changed: "Details changed",
  period_skipped: "Period skipped",
  postponed: "Postponed",
}

export const eventLabel = (action: string) => EVENT_LABELS[action] ?? humanize(action)

export const ACTOR_LABELS: Record<SubscriptionEvent["actor_type"], string> = {
  customer: "Customer",
  admin: "Admin",
  system: "System",
}

/**
 * An event's detail in one line: `{ from: "2w", to: "4w" }` → "from Every 2 weeks to Every 4
 * weeks"; other values as key: value. Interval codes read as labels, ISO dates as dates.
 */
export function eventDetail(detail: Record<string, unknown> | null | undefined, omit: string[] = []): string {
  if (!detail) return ""
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return "–"
    if (typeof value === "string") {
      if (parseIntervalCode(value)) return intervalLabel(value)
      if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value)
      if (DAY_ONLY.test(value)) return formatDay(value)
      return value
    }
    if (typeof value === "number" || typeof value === "boolean") return String(value)
    return JSON.stringify(value)
  }
  const entries = Object.entries(detail).filter(([key]) => !omit.includes(key))
  if (entries.length === 2 && "from" in detail && "to" in detail) return `from ${show(detail.from)} to ${show(detail.to)}`
  return entries.map(([key, value]) => `${humanize(key).toLowerCase()}: ${show(value)}`).join(" · ")
}

/** Orders an event's detail names, by the key that names them. */
export const EVENT_ORDER_KEYS: Record<string, string> = { order_id: "Order", origin_order_id: "First order" }

/** The orders an event refers to, as [label, order id]. */
export function eventOrders(detail: Record<string, unknown> | null | undefined): [string, string][] {
  if (!detail) return []
  return Object.entries(EVENT_ORDER_KEYS).flatMap(([key, label]): [string, string][] =>
    typeof detail[key] === "string" && detail[key] ? [[label, detail[key] as string]] : []
  )
}

/** The actions an admin can take on a subscription in each status (the server decides in the end). */
export function allowedActions(status: SubscriptionStatus): Record<SubscriptionActionName, boolean> {
  const open = status !== "canceled"
  return {
    skip: status === "active" || status === "paused",
    pause: status === "active" || status === "paused",
    resume: status === "paused",
    cancel: open,
    run_now: status === "active",
    change_interval: open,
    // The customer (or the merchant for them) fixed the payment: the failed period is tried again now.
    payment_updated: status === "payment_failed",
  }
}

/**
 * What "Run now" or "Retry payment" did, for the toast: the renewal runs while the request waits,
 * so its outcome is known. `order` is the order's number when one was placed.
 */
export function renewalOutcomeMessage(outcome: string | undefined, order?: string | null): { ok: boolean; text: string } {
  switch (outcome) {
    case "ordered":
      return { ok: true, text: order ? `Renewal ordered: order ${order}` : "Renewal ordered" }
    case "already_ordered":
      return { ok: true, text: order ? `This delivery was already ordered: order ${order}` : "This delivery was already ordered" }
    case "payment_retry_scheduled":
      return { ok: false, text: "The payment was declined: it is retried automatically (see Runs)" }
    case "payment_failed":
      return { ok: false, text: "The payment was declined again: the subscription is on hold" }
    case "postponed_out_of_stock":
      return { ok: false, text: "Out of stock: the renewal is postponed by a day" }
    case "skipped_out_of_stock":
      return { ok: false, text: "Out of stock: this delivery was skipped" }
    case "busy":
      return { ok: false, text: "A renewal of this subscription is already running: refresh in a moment" }
    case "not_due":
      return { ok: false, text: "Nothing was due, so nothing was ordered" }
    default:
      return { ok: true, text: "Renewal started: its run shows below" }
  }
}

/** A date input's "YYYY-MM-DD" as the ISO moment the pause ends (start of that day, local time). */
export function pauseUntilIso(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const [y, m, d] = day.split("-").map(Number)
  const date = new Date(y, m - 1, d)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}
