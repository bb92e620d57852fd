// Shapes of the admin messaging API (src/api/admin/retention/{messages,templates,consent,
// customers,pauses}) as the dashboard receives them: dates arrive as ISO strings.

export const MESSAGE_STATUSES = [
  "queued",
  "sending",
  "sent",
  "delivered",
  "opened",
  "clicked",
  "deferred",
  "retrying",
  "suppressed",
  "failed",
  "bounced",
  "unknown",
] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

export const TOPICS = ["cart_recovery", "lifecycle", "nps", "loyalty", "replenishment", "system"] as const
export const CONSENT_TOPICS = ["cart_recovery", "lifecycle", "nps", "loyalty", "replenishment"] as const

export const TOPIC_LABELS: Record<string, string> = {
  all: "All marketing",
  cart_recovery: "Cart recovery",
  lifecycle: "Lifecycle",
  nps: "NPS surveys",
  loyalty: "Loyalty",
  replenishment: "Replenishment",
  system: "System",
}

export type MessageListItem = {
  id: string
  idempotency_key: string
  topic: string
  category: "marketing" | "transactional"
  template: string
  locale: string
  to_email: string
  customer_id: string | null
  campaign_id: string | null
  status: MessageStatus
  status_reason: string | null
  deferred_until: string | null
  // A temporary provider failure ("retrying"): when the next attempt is due.
  next_attempt_at: string | null
  first_failed_at: string | null
  subject: string | null
  provider_id: string | null
  provider_message_id: string | null
  attempts: number
  last_error: string | null
  sent_at: string | null
  delivered_at: string | null
  opened_at: string | null
  clicked_at: string | null
  created_at: string
  updated_at: string
}

export type MessageDetail = MessageListItem & {
  html: string | null
  text: string | null
  data: Record<string, unknown> | null
  // body_dropped_at / body_retention_days: the daily retention job removed html and text.
  metadata: Record<string, unknown> | null
}

/** "Body removed after N days" when the retention job dropped the stored email, else null. */
export function bodyRemovedNote(message: Pick<MessageDetail, "metadata">): string | null {
  const dropped = message.metadata?.body_dropped_at
  if (!dropped) return null
  const days = Number(message.metadata?.body_retention_days)
  return Number.isFinite(days) && days > 0
    ? `Body removed after ${days} days (data retention); the status and history are kept.`
    : "Body removed by data retention; the status and history are kept."
}

export type MessageEvent = {
  id: string
  message_id: string | null
  type: string
  sg_event_id: string | null
  occurred_at: string
  data: Record<string, unknown> | null
}

export type MessageList = { messages: MessageListItem[]; count: number; limit: number; offset: number }

export type TemplateLocaleState = {
  locale: string
  overridden: boolean
  version: number | null
  updated_at: string | null
}

export type TemplateSummary = {
  name: string
  topic: string
  category: "marketing" | "transactional"
  description: string
  locales: TemplateLocaleState[]
}

export type TemplateDetail = {
  template: Omit<TemplateSummary, "locales">
  locale: string
  default: { subject: string; mjml: string }
  override: { subject: string | null; mjml: string | null; strings: Record<string, string> | null; version: number; updated_at: string } | null
  /** The shipped `{{t.key}}` strings of this locale (the merchant's wording is in override.strings). */
  strings: Record<string, string>
  sample_data: Record<string, unknown>
}

// kind "policy": the source compiles but is refused (mj-include, a marketing email without its footer).
export type TemplateIssue = { part: "subject" | "mjml" | "text" | "variables" | "strings"; message: string; line?: number; kind?: "policy" }

export type TemplateVersion = {
  id: string
  version: number
  action: "save" | "reset"
  subject: string | null
  mjml: string | null
  strings: Record<string, string> | null
  saved_by: string | null
  saved_by_email: string | null
  created_at: string
}

/** Only the strings whose text differs from the shipped one: what an override stores. */
export function changedStrings(edited: Record<string, string>, shipped: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(edited).filter(([key, value]) => key in shipped && value !== shipped[key]))
}

/** A field label for a string key: "discountExpiry" → "Discount expiry". */
const STRING_LABELS: Record<string, string> = {
  preview: "Inbox preview line",
  heading: "Heading",
  intro: "Introduction",
  cta: "Button text",
  help: "Help line",
}

export function stringLabel(key: string): string {
  if (STRING_LABELS[key]) return STRING_LABELS[key]
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export type Preview = { subject: string; html: string; text: string; issues: TemplateIssue[] }

export type SendResult = {
  idempotency_key: string
  message_id: string
  status: MessageStatus | "in_progress"
  reason: string | null
}

export type Consent = { id: string; email: string; topic: string; status: "granted" | "revoked"; source: string; recorded_at: string }
export type ConsentLogEntry = Consent & { reference: string | null }
export type Suppression = { id: string; email: string; reason: string; source: string; created_at: string }

export type CustomerMessaging = {
  email: string | null
  consents: Consent[]
  suppressions: Suppression[]
  messages: MessageListItem[]
}

export type SendPause = {
  id: string
  scope: string
  reason: string
  complaint_rate: number | null
  sample_size: number | null
  created_at: string
}

/** A 400 from the template routes: the message plus every issue, for inline display. */
export class TemplateIssuesError extends Error {
  readonly issues: TemplateIssue[]
  readonly status: number

  constructor(message: string, status: number, issues: TemplateIssue[]) {
    super(message)
    this.status = status
    this.issues = issues
  }
}

function isIssue(value: unknown): value is TemplateIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    "part" in value &&
    typeof value.part === "string" &&
    "message" in value &&
    typeof value.message === "string"
  )
}

/**
 * POST for the template routes. The SDK's FetchError keeps only `message`; the editor needs the
 * whole `errors` list of a 400, so these calls read the response themselves (same origin and
 * session cookie as the SDK, see sdk.ts).
 */
export async function postTemplate<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  })
  const json: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const record = typeof json === "object" && json !== null ? json : {}
    const message = "message" in record && typeof record.message === "string" ? record.message : response.statusText
    const issues = "errors" in record && Array.isArray(record.errors) ? record.errors.filter(isIssue) : []
    throw new TemplateIssuesError(message, response.status, issues)
  }
  return json as T
}

export const formatDate = (value: string | null | undefined) => (value ? new Date(value).toLocaleString() : "—")

/** Human names of message statuses, as a merchant reads them. */
export const STATUS_LABELS: Record<string, string> = {
  queued: "Queued",
  sending: "Sending",
  in_progress: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  opened: "Opened",
  clicked: "Clicked",
  deferred: "Held back",
  retrying: "Retrying",
  suppressed: "Not sent",
  failed: "Failed",
  bounced: "Bounced",
  unknown: "Unknown outcome",
}

export type SendLimits = { maxMarketingPerDay?: number; maxMarketingPerWeek?: number }

const limitText = (n: number | undefined, per: "day" | "week") =>
  n === undefined ? `the ${per === "day" ? "daily" : "weekly"} email limit` : `the ${n} ${n === 1 ? "email" : "emails"} per ${per} limit`

/**
 * Why the send policy or a sequence held an email back or left it out, in words
 * ("frequency_cap:day" → "the 2 emails per day limit"). Unknown reasons come back as they are.
 */
export function describeReason(reason: string | null | undefined, limits: SendLimits = {}): string {
  if (!reason) return ""
  const [kind, ...rest] = reason.split(":")
  const detail = rest.join(":")
  switch (kind) {
    case "frequency_cap":
      return detail === "week" ? limitText(limits.maxMarketingPerWeek, "week") : limitText(limits.maxMarketingPerDay, "day")
    case "quiet_hours":
      return "quiet hours"
    case "unsubscribed":
      return detail === "all" ? "unsubscribed from all emails" : `unsubscribed from ${TOPIC_LABELS[detail] ?? detail}`
    case "no_consent":
      return "no recorded consent (opt-in required)"
    case "consent_registry":
      return `refused by the consent registry (${detail})`
    case "suppressed":
      return (
        { hard_bounce: "address bounced (suppressed)", spam_complaint: "marked as spam (suppressed)", unsubscribe: "unsubscribed (suppressed)", manual: "blocked by hand (suppressed)" }[detail] ??
        `suppressed (${detail.replace(/_/g, " ")})`
      )
    case "paused":
      return `sending paused (${detail.replace(/_/g, " ")})`
    case "out_of_stock":
      return "every item out of stock"
    default:
      return reason.replace(/_/g, " ")
  }
}
