import { z } from "@medusajs/framework/zod"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applySendPolicyStep, RegistryRefusal } from "./steps/apply-send-policy"
import { ensureMessagesStep } from "./steps/ensure-messages"
import { renderAndDeliverStep } from "./steps/render-and-deliver"
import { settleStaleMessagesStep } from "./steps/settle-stale-messages"
import { SendEmailInput, SendEmailResult } from "./types"

// What a `checkConsentRegistry` handler may answer; validated before it is used.
const registryAnswer = z.object({
  refused: z.array(z.object({ email: z.string(), topic: z.string(), reason: z.string() })).optional(),
})

export const SEND_RETENTION_EMAILS_WORKFLOW = "send-retention-emails"

/**
 * The only way the plugin sends email: log → settle stale → consent & policy → render →
 * send → record. Every feature calls it with deterministic idempotency keys; a key that was
 * handled before changes nothing.
 *
 * Hook `checkConsentRegistry`: a store under a consent registry such as Turkey's İYS can
 * consult it here and return `{ refused: [{ email, topic, reason }] }`; refused marketing
 * sends are recorded as suppressed.
 */
export const sendRetentionEmailsWorkflow = createWorkflow(
  SEND_RETENTION_EMAILS_WORKFLOW,
  (input: { messages: SendEmailInput[] }) => {
    const ensured = ensureMessagesStep(input)
    const rows = settleStaleMessagesStep({ rows: ensured })

    const registryInput = transform({ rows }, ({ rows }) => ({
      recipients: rows
        .filter((r) => r.category === "marketing" && (r.status === "queued" || r.status === "deferred" || r.status === "retrying"))
        .map((r) => ({ email: r.to_email, topic: r.topic, customer_id: r.customer_id })),
    }))
    const checkConsentRegistry = createHook("checkConsentRegistry", registryInput, {
      resultValidator: registryAnswer,
    })
    const answer = checkConsentRegistry.getResult()
    const refusals = transform({ answer }, ({ answer }): RegistryRefusal[] => answer?.refused ?? [])

    const policy = applySendPolicyStep({ rows, registryRefusals: refusals })
    const delivered = renderAndDeliverStep({ rows: policy.toSend })

    // `ensured` holds one row per requested message, in the request's order.
    const results = transform({ ensured, rows, policy, delivered }, (data): SendEmailResult[] => {
      const byKey = new Map(data.rows.map((r) => [r.idempotency_key, r]))
      return data.ensured.map((m) => {
        const row = byKey.get(m.idempotency_key)
        if (!row) {
          throw new Error(`message for ${m.idempotency_key} vanished`)
        }
        const wasNew = m.status === "queued" && m.attempts === 0
        const delivery = data.delivered.find((d) => d.id === row.id)
        const decision = data.policy.decisions[row.id]
        if (delivery) {
          return {
            idempotency_key: m.idempotency_key,
            message_id: row.id,
            status: delivery.status,
            reason: delivery.reason,
            deferred_until: null,
            retry_at: delivery.retry_at ?? null,
            duplicate: false,
          }
        }
        if (decision && decision.action !== "send") {
          return {
            idempotency_key: m.idempotency_key,
            message_id: row.id,
            status: decision.action === "suppress" ? "suppressed" : "deferred",
            reason: decision.reason,
            deferred_until: decision.action === "defer" ? decision.until : null,
            retry_at: null,
            duplicate: false,
          }
        }
        return {
          idempotency_key: m.idempotency_key,
          message_id: row.id,
          status: row.status === "sending" ? "in_progress" : row.status,
          reason: row.status_reason,
          deferred_until: row.deferred_until,
          retry_at: row.status === "retrying" ? row.next_attempt_at : null,
          duplicate: !wasNew,
        }
      })
    })

    return new WorkflowResponse(results, { hooks: [checkConsentRegistry] })
  }
)
