import type { QuietHours } from "../../lib/time-zone"
import type { MessageStatus } from "../../modules/messaging/models/message"

/** What a feature asks for: one email, identified by a deterministic idempotency key. */
export type SendEmailInput = {
  // e.g. `cart-recovery:<cart_id>:<step>`; the same key never sends twice.
  idempotency_key: string
  template: string
  to: string
  data: Record<string, unknown>
  // Locale candidates in order of preference (customer, cart, …); else the store default.
  locales?: (string | null | undefined)[]
  customer_id?: string | null
  campaign_id?: string | null
  // Recipient's address country or own time zone, for quiet hours.
  country_code?: string | null
  time_zone?: string | null
  // The sending campaign's own quiet hours, replacing the store-wide ones for this message
  // (`enabled: false`: none). Absent or null: the store-wide setting.
  quiet_hours?: QuietHours | null
  // An admin's "send test": delivered as a transactional system message (no consent, caps or
  // quiet hours), with the template's content and links exactly as a real send would have.
  test?: boolean
}

export type SendEmailResult = {
  idempotency_key: string
  message_id: string
  // "in_progress": another worker holds this message right now.
  status: MessageStatus | "in_progress"
  reason: string | null
  deferred_until: Date | null
  // "retrying" (a temporary provider failure): when the next attempt is due. The caller asks
  // again with the same key then (or leaves it to the retry job); see retry-policy.ts.
  retry_at: Date | null
  // True when the key had already been handled and this call changed nothing.
  duplicate: boolean
}
