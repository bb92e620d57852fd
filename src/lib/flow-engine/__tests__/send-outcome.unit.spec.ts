import { decideSendOutcome, SendResultLike } from "../send-outcome"

// What a step's send result means, for cart recovery and the flows alike: each outcome once.
const now = new Date("2026-03-01T12:00:00Z")
const minutes = (m: number) => new Date(now.getTime() + m * 60_000)
const result = (status: string, extra: Partial<SendResultLike> = {}): SendResultLike => ({
  status,
  reason: null,
  message_id: "msg_1",
  retry_at: null,
  deferred_until: null,
  ...extra,
})
const decide = (sent: SendResultLike | null | undefined, attempts = 0, maxAttempts = 3) => decideSendOutcome({ result: sent, attempts, maxAttempts, now })

describe("decideSendOutcome", () => {
  it("sent: every status that means the email went out", () => {
    for (const status of ["sent", "delivered", "opened", "clicked"]) {
      expect(decide(result(status), 2)).toEqual({ kind: "sent", message_id: "msg_1" })
    }
  })

  it("held: a provider retry, the send policy or a pause bring the same step back later, not as an attempt", () => {
    expect(decide(result("retrying", { retry_at: "2026-03-01T12:20:00.000Z" }), 2)).toEqual({
      kind: "later",
      outcome: "retry:provider",
      until: minutes(20),
    })
    expect(decide(result("deferred", { reason: "quiet_hours", deferred_until: minutes(300) }), 2)).toEqual({
      kind: "later",
      outcome: "deferred:quiet_hours",
      until: minutes(300),
    })
    expect(decide(result("suppressed", { reason: "paused:bounce_rate" }), 2)).toEqual({
      kind: "later",
      outcome: "paused:paused:bounce_rate",
      until: minutes(60),
    })
    expect(decide(result("in_progress"), 2)).toEqual({ kind: "later", outcome: "retry:in_progress", until: minutes(10) })
  })

  it("suppressed: the step is skipped and the sequence ends", () => {
    expect(decide(result("suppressed", { reason: "unsubscribed", message_id: "msg_9" }))).toEqual({
      kind: "opted_out",
      outcome: "opted_out:unsubscribed",
      status_reason: "unsubscribed",
      message_id: "msg_9",
    })
  })

  it("failed: a final failure, with its reason or else its status", () => {
    expect(decide(result("failed", { reason: "provider_rejected" }))).toEqual({ kind: "failed", status_reason: "provider_rejected", message_id: "msg_1" })
    expect(decide(result("bounced"))).toEqual({ kind: "failed", status_reason: "bounced", message_id: "msg_1" })
    expect(decide(result("unknown"))).toEqual({ kind: "failed", status_reason: "unknown", message_id: "msg_1" })
  })

  it("failed: no usable answer on the last attempt", () => {
    expect(decide(undefined, 2, 3)).toEqual({ kind: "failed", status_reason: "no_result", message_id: null })
    expect(decide(result("queued"), 4, 5)).toEqual({ kind: "failed", status_reason: "queued", message_id: "msg_1" })
    // A retrying result without its time is no usable answer either.
    expect(decide(result("retrying"), 2, 3)).toEqual({ kind: "failed", status_reason: "retrying", message_id: "msg_1" })
  })

  it("retry: no usable answer before the last attempt, counted and backed off by the attempt", () => {
    expect(decide(undefined, 0, 3)).toEqual({ kind: "retry", outcome: "retry:none", attempts: 1, until: minutes(10) })
    expect(decide(null, 1, 3)).toEqual({ kind: "retry", outcome: "retry:none", attempts: 2, until: minutes(20) })
    expect(decide(result("queued"), 1, 5)).toEqual({ kind: "retry", outcome: "retry:queued", attempts: 2, until: minutes(20) })
    expect(decide(result("deferred"), 0, 3)).toEqual({ kind: "retry", outcome: "retry:deferred", attempts: 1, until: minutes(10) })
  })
})
