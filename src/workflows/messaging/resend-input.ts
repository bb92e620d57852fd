import type { MessageRow } from "../../modules/messaging/service"
import { quietHoursSchema } from "../../lib/time-zone"
import type { SendEmailInput } from "./types"

/**
 * The send request that reproduces a logged message under its own key: same template, address,
 * locale, data and policy inputs (country, time zone, campaign quiet hours). Used by the retry
 * job and the merchant's Resend, so both go through the same workflow and send policy.
 */
export function resendInputFor(
  row: Pick<MessageRow, "idempotency_key" | "template" | "to_email" | "customer_id" | "campaign_id" | "locale" | "data" | "metadata" | "topic">
): SendEmailInput {
  const meta = row.metadata ?? {}
  return {
    idempotency_key: row.idempotency_key,
    template: row.template,
    to: row.to_email,
    customer_id: row.customer_id,
    campaign_id: row.campaign_id,
    locales: [row.locale],
    data: row.data ?? {},
    country_code: typeof meta.country_code === "string" ? meta.country_code : null,
    time_zone: typeof meta.time_zone === "string" ? meta.time_zone : null,
    quiet_hours: quietHoursSchema.safeParse(meta.quiet_hours).data ?? null,
    // A "system" row is an admin's test send or another transactional message: keep it so.
    test: row.topic === "system",
  }
}
