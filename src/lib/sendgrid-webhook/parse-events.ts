/** Event types SendGrid's Event Webhook posts. */
export const SENDGRID_EVENT_TYPES = [
  "processed",
  "deferred",
  "delivered",
  "bounce",
  "dropped",
  "open",
  "click",
  "spamreport",
  "unsubscribe",
  "group_unsubscribe",
  "group_resubscribe",
] as const

export type SendgridEventType = (typeof SENDGRID_EVENT_TYPES)[number]

export type SendgridEvent = {
  /** Unique per event; SendGrid delivers at least once, so dedupe on it. */
  sgEventId: string
  /** Same value as the X-Message-Id the send returned (suffix removed). */
  sgMessageId?: string
  event: SendgridEventType
  email: string
  timestamp: Date
  /** Our custom arg; SendGrid copies custom args to the top level of events. */
  retentionMessageId?: string
  /** Why a bounce/drop happened, or the server response of a deferral. */
  reason?: string
  /** The clicked link (click events). */
  url?: string
  /** Bounce type: "bounce" (hard) or "blocked" (soft). */
  type?: string
  raw: Record<string, unknown>
}

export type ParsedSendgridEvents = {
  events: SendgridEvent[]
  /** Items skipped because they could not be read; log it, do not fail. */
  malformed: number
  /** Items repeating an sg_event_id seen earlier in the same batch (skipped). */
  duplicates: number
}

const EVENT_TYPES: ReadonlySet<string> = new Set(SENDGRID_EVENT_TYPES)

function isEventType(value: unknown): value is SendgridEventType {
  return typeof value === "string" && EVENT_TYPES.has(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined
}

// SendGrid sends Unix seconds. Anything past 9999-12-31 (or a millisecond value mistaken for
// seconds) cannot be a real event time, and past ~275,760 AD JavaScript's Date is invalid and
// toISOString() throws: one such event used to fail the whole batch with a 500, and SendGrid
// retries a failed batch for days.
export const MAX_EVENT_TIMESTAMP = 253402300799

/** A Date for a SendGrid event timestamp, or undefined when it is not a plausible one. */
export function eventTime(value: unknown): Date | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_EVENT_TIMESTAMP) {
    return undefined
  }
  const at = new Date(value * 1000)
  return Number.isNaN(at.getTime()) ? undefined : at
}

// PostgreSQL refuses U+0000 in text and jsonb, so one such string fails the statement that
// stores the whole batch.
const hasNul = (value: string | undefined) => value !== undefined && value.includes("\u0000")

/**
 * Events carry sg_message_id as `<X-Message-Id>.filter…` (or `.recvd-…`);
 * the part before that suffix is what the send returned.
 */
export function normalizeSendgridMessageId(value: string): string {
  const suffix = /\.(?:filter|recvd)/i.exec(value)
  return suffix ? value.slice(0, suffix.index) : value
}

function parseEvent(item: unknown): SendgridEvent | undefined {
  if (!isRecord(item)) {
    return undefined
  }
  const sgEventId = optionalString(item.sg_event_id)
  const email = optionalString(item.email)
  const { event } = item
  // An event type we do not know is skipped like a malformed one: nothing
  // downstream could act on it, and the count makes a new type visible.
  if (!sgEventId || !email || !email.includes("@") || !isEventType(event)) {
    return undefined
  }
  const timestamp = eventTime(item.timestamp)
  if (!timestamp) {
    return undefined
  }
  const sgMessageId = optionalString(item.sg_message_id)
  const parsed: SendgridEvent = {
    sgEventId,
    sgMessageId: sgMessageId && normalizeSendgridMessageId(sgMessageId),
    event,
    email,
    timestamp,
    retentionMessageId: optionalString(item.retention_message_id),
    reason: optionalString(item.reason) ?? optionalString(item.response),
    url: optionalString(item.url),
    type: optionalString(item.type),
    raw: item,
  }
  const stored = [parsed.sgEventId, parsed.sgMessageId, parsed.email, parsed.retentionMessageId, parsed.reason, parsed.url, parsed.type]
  return stored.some(hasNul) ? undefined : parsed
}

/**
 * Normalizes an Event Webhook body (the parsed JSON array, or the raw body
 * as a string or Buffer). Never throws: unreadable items are counted in
 * `malformed`, and a body that is not an array counts as one.
 */
export function parseSendgridEvents(body: unknown): ParsedSendgridEvents {
  let items: unknown = body
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    try {
      items = JSON.parse(body.toString())
    } catch {
      return { events: [], malformed: 1, duplicates: 0 }
    }
  }
  if (!Array.isArray(items)) {
    return { events: [], malformed: 1, duplicates: 0 }
  }
  const events: SendgridEvent[] = []
  // A batch may repeat an event (SendGrid delivers at least once): keep the first, so each
  // sg_event_id is one entry and callers can key maps by it.
  const seen = new Set<string>()
  let malformed = 0
  let duplicates = 0
  for (const item of items) {
    const parsed = parseEvent(item)
    if (!parsed) {
      malformed++
    } else if (seen.has(parsed.sgEventId)) {
      duplicates++
    } else {
      seen.add(parsed.sgEventId)
      events.push(parsed)
    }
  }
  return { events, malformed, duplicates }
}
