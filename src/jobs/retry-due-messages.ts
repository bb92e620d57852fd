import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_MESSAGING_MODULE } from "../modules/messaging"
import type MessagingModuleService from "../modules/messaging/service"
import { resendInputFor } from "../workflows/messaging/resend-input"
import { sendRetentionEmailsWorkflow } from "../workflows/messaging/send-retention-emails"

export const RETRY_DUE_MESSAGES_JOB = "retention-retry-due-messages"

// Cart recovery, NPS and the lifecycle flows ("lifecycle": welcome, post-purchase, win-back;
// the flow tick) have their own jobs, which re-check the cart, order or entry before asking
// again with the same key (at the retry time the messaging workflow answered). Every other
// topic has no such driver: this job is it.
export const RETRIED_BY_THIS_JOB = ["loyalty", "replenishment", "system"]

const BATCH = 200

// Workflow failures are often plain objects ({ message, type, stack }), not Error instances.
function describeError(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message)
  return String(e)
}

/**
 * One tick: messages whose time has come again (deferred by the send policy, or waiting out a
 * temporary provider failure), oldest due first and at most a batch, each sent again through
 * the send workflow under its own key: the claim is a compare-and-set, so a row another run
 * took is not sent twice, and the send policy is applied again. Each row runs on its own, so one
 * that throws is logged and the rest of the tick goes on.
 */
export async function retryDueMessages(container: MedusaContainer, now = new Date(), limit = BATCH) {
  const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const due = await messaging.listDueRetries({ now, topics: RETRIED_BY_THIS_JOB, limit })
  const outcomes: string[] = []
  for (const row of due) {
    try {
      const { result } = await sendRetentionEmailsWorkflow(container).run({ input: { messages: [resendInputFor(row)] } })
      outcomes.push(String(result[0]?.status ?? "none"))
    } catch (e) {
      logger.warn(`messaging: retry of ${row.id} failed, tried again next tick: ${describeError(e)}`)
      outcomes.push("error")
    }
  }
  return { due: due.length, outcomes }
}

export default async function retryDueMessagesJob(container: MedusaContainer) {
  await retryDueMessages(container)
}

export const config = {
  name: RETRY_DUE_MESSAGES_JOB,
  schedule: "* * * * *",
}
