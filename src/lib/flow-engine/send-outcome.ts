// What a step's send result means for the sequence, the same for cart recovery and the lifecycle
// flows. The decision is pure; each program writes it on its own rows (tracked cart or flow
// entry, recovery or flow send) and keeps its own policy for a failed step (cart campaigns may
// stop on a failure, flows go on to the next step).

/** The statuses that count as the email having gone out. */
export const SENT_STATUSES = ["sent", "delivered", "opened", "clicked"]
/** A message another worker holds right now, or no usable answer: look again this much later (times the attempt). */
export const SEND_RETRY_MINUTES = 10
/** A deliverability pause (lifted by an admin): look again this much later. */
export const PAUSED_RECHECK_MINUTES = 60

/** The part of a messaging send result the decision reads (SendEmailResult, after serialisation). */
export type SendResultLike = {
  status: string
  reason: string | null
  message_id: string
  retry_at?: Date | string | null
  deferred_until?: Date | string | null
}

export type SendDecision =
  // Gone out: record the send, move on to the next step.
  | { kind: "sent"; message_id: string }
  // Same step, same key, at `until`; not an attempt (provider retry window, send policy, pause, another worker).
  | { kind: "later"; outcome: string; until: Date }
  // Suppressed (no consent, unsubscribed, …): record the step skipped and end the sequence.
  | { kind: "opted_out"; outcome: string; status_reason: string | null; message_id: string }
  // The step failed (a final failure, or the attempts ran out): record it failed; the program decides what next.
  | { kind: "failed"; status_reason: string; message_id: string | null }
  // No usable answer: look again soon, counting the attempt.
  | { kind: "retry"; outcome: string; attempts: number; until: Date }

const minutesAfter = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000)

export function decideSendOutcome(input: {
  // The messaging result of the step's email; absent when nothing came back.
  result?: SendResultLike | null
  // Attempts already counted on this step, and how many make it failed.
  attempts: number
  maxAttempts: number
  now: Date
}): SendDecision {
  const { result: sent, now } = input
  if (sent && SENT_STATUSES.includes(sent.status)) return { kind: "sent", message_id: sent.message_id }
  // A temporary provider failure (SendGrid 5xx, 429, network): the messaging retry policy says when
  // to try again, for up to a day; the step is failed only once that window is over.
  if (sent?.status === "retrying" && sent.retry_at) return { kind: "later", outcome: "retry:provider", until: new Date(sent.retry_at) }
  // The shared send policy said "not now" (quiet hours, frequency cap).
  if (sent?.status === "deferred" && sent.deferred_until)
    return { kind: "later", outcome: `deferred:${sent.reason}`, until: new Date(sent.deferred_until) }
  if (sent?.status === "suppressed") {
    if (sent.reason?.startsWith("paused:")) return { kind: "later", outcome: `paused:${sent.reason}`, until: minutesAfter(now, PAUSED_RECHECK_MINUTES) }
    return { kind: "opted_out", outcome: `opted_out:${sent.reason}`, status_reason: sent.reason, message_id: sent.message_id }
  }
  // Another worker holds this message right now (or died holding it; the messaging core settles
  // that): not an attempt of ours.
  if (sent?.status === "in_progress") return { kind: "later", outcome: "retry:in_progress", until: minutesAfter(now, SEND_RETRY_MINUTES) }
  if (sent?.status === "failed" || sent?.status === "bounced" || sent?.status === "unknown" || input.attempts + 1 >= input.maxAttempts) {
    return { kind: "failed", status_reason: sent?.reason ?? sent?.status ?? "no_result", message_id: sent?.message_id ?? null }
  }
  // No result, or a row left queued. Provider outages do not come here: they are "retrying".
  const attempts = input.attempts + 1
  return { kind: "retry", outcome: `retry:${sent?.status ?? "none"}`, attempts, until: minutesAfter(now, SEND_RETRY_MINUTES * attempts) }
}
