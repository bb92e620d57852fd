import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { LoggedMessage } from "../../../modules/messaging/service"

export const settleStaleMessagesStepId = "settle-stale-retention-messages"

/**
 * Rows still "sending" long after their worker started belong to a process that died
 * mid-send. For a row sent through createNotifications, the Notification Module's record under
 * the same idempotency key (the message id) says whether the provider call happened; a row
 * handed to the provider directly has no such record. See MessagingModuleService.settleStale.
 */
export const settleStaleMessagesStep = createStep(
  settleStaleMessagesStepId,
  async (input: { rows: LoggedMessage[] }, { container }) => {
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    const staleBefore = Date.now() - messaging.options.staleSendingAfterMinutes * 60_000
    const stale = input.rows.filter(
      (r) => r.status === "sending" && r.sending_started_at && new Date(r.sending_started_at).getTime() < staleBefore
    )
    if (!stale.length) {
      return new StepResponse(input.rows)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: records } = await query.graph({
      entity: "notification",
      fields: ["idempotency_key", "status", "external_id", "provider_id"],
      filters: { idempotency_key: stale.map((r) => r.id) },
    })
    const byKey = new Map(
      records.map((n: { idempotency_key?: string | null; status: unknown; external_id?: string | null; provider_id?: string | null }) => [
        n.idempotency_key ?? "",
        n,
      ])
    )
    const settled = new Map<string, LoggedMessage["status"]>()
    for (const row of stale) {
      const n = byKey.get(row.id)
      settled.set(
        row.id,
        await messaging.settleStale({
          id: row.id,
          notification: n
            ? { status: String(n.status), external_id: n.external_id ?? null, provider_id: n.provider_id ?? null }
            : null,
        })
      )
    }
    return new StepResponse(input.rows.map((r) => (settled.has(r.id) ? { ...r, status: settled.get(r.id) ?? r.status } : r)))
  }
)
