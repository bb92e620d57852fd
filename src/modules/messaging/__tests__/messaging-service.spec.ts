import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RETENTION_MESSAGING_MODULE } from ".."
import MessagingModuleService, { NewMessage } from "../service"
import { ConsentLog } from "../models/consent-log"
import { Consent } from "../models/consent"
import { MessageEvent } from "../models/message-event"
import { Message } from "../models/message"
import { SendPause } from "../models/send-pause"
import { Suppression } from "../models/suppression"
import { TemplateOverride } from "../models/template-override"

jest.setTimeout(60_000)

const message = (key: string, overrides: Partial<NewMessage> = {}): NewMessage => ({
  idempotency_key: key,
  topic: "cart_recovery",
  category: "marketing",
  template: "cart-reminder",
  locale: "en",
  to_email: "Ada@Example.com",
  data: { n: 1 },
  ...overrides,
})

moduleIntegrationTestRunner<MessagingModuleService>({
  moduleName: RETENTION_MESSAGING_MODULE,
  moduleModels: [Message, MessageEvent, Consent, ConsentLog, Suppression, TemplateOverride, SendPause],
  resolve: "./src/modules/messaging",
  moduleOptions: {
    tokenSecret: "module-test-secret-0123456789abcdef",
    complaintMinSample: 100,
    complaintWindowSends: 100,
  },
  testSuite: ({ service }) => {
    describe("message log", () => {
      it("keeps one row per idempotency key; an unsent row takes the latest data, a claimed or sent one never changes", async () => {
        const [first] = await service.ensureMessages([message("k:1")])
        expect(first.to_email).toBe("ada@example.com")
        expect(first.status).toBe("queued")

        // Not sent yet: the same key keeps its row and recipient but takes the caller's latest data.
        const [again] = await service.ensureMessages([message("k:1", { data: { n: 2 }, to_email: "other@example.com" })])
        expect(again.id).toBe(first.id)
        expect(again.data).toEqual({ n: 2 })
        expect(again.to_email).toBe("ada@example.com")
        expect(await service.listMessages({ idempotency_key: "k:1" })).toHaveLength(1)

        // Claimed for sending (and so also once sent): nothing about it changes any more.
        expect(await service.claimForSending(first.id)).toBeTruthy()
        const [late] = await service.ensureMessages([message("k:1", { data: { n: 3 } })])
        expect(late.id).toBe(first.id)
        expect(late.data).toEqual({ n: 2 })
        expect(late.status).toBe("sending")
      })

      it("lets exactly one of many concurrent claims win a message", async () => {
        const [row] = await service.ensureMessages([message("k:claim")])
        const wins = await Promise.all(Array.from({ length: 8 }, () => service.claimForSending(row.id)))
        expect(wins.filter(Boolean)).toHaveLength(1)
        const [claimed] = await service.listMessages({ id: row.id })
        expect(claimed.status).toBe("sending")
        expect(claimed.attempts).toBe(1)
      })

      it("retries a transient failure with backoff until 24 h after its first failure, fails a permanent one at once", async () => {
        const [transient, permanent] = await service.ensureMessages([message("k:t"), message("k:p")])
        const start = new Date("2026-03-01T10:00:00Z")
        const half = () => 0.5
        await service.claimForSending(transient.id)
        const first = await service.recordFailure({ id: transient.id, error: "503", permanent: false, now: start, random: half })
        expect(first).toEqual({ status: "retrying", next_attempt_at: new Date(start.getTime() + 5 * 60_000) })
        const [waiting] = await service.listMessages({ id: transient.id })
        expect(waiting).toMatchObject({ status: "retrying", status_reason: "temporary_failure", last_error: "503" })
        expect(new Date(waiting.first_failed_at!)).toEqual(start)
        // Due rows come back from the bounded retry read; not before their time.
        expect(await service.listDueRetries({ now: new Date(start.getTime() + 60_000), topics: ["cart_recovery"], limit: 10 })).toEqual([])
        const due = await service.listDueRetries({ now: new Date(start.getTime() + 5 * 60_000), topics: ["cart_recovery"], limit: 10 })
        expect(due.map((r) => r.id)).toEqual([transient.id])

        await service.claimForSending(transient.id)
        const second = await service.recordFailure({ id: transient.id, error: "503", permanent: false, now: new Date(start.getTime() + 5 * 60_000), random: half })
        expect(second.next_attempt_at).toEqual(new Date(start.getTime() + 15 * 60_000))

        // A day after the first failure the window is used up.
        await service.claimForSending(transient.id)
        const last = await service.recordFailure({ id: transient.id, error: "503 again", permanent: false, now: new Date(start.getTime() + 24 * 3600_000), random: half })
        expect(last).toEqual({ status: "failed", next_attempt_at: null })
        const [failed] = await service.listMessages({ id: transient.id })
        expect(failed).toMatchObject({ status: "failed", status_reason: "retries_exhausted", last_error: "503 again" })

        // The merchant's resend reopens it once, however often it is clicked.
        expect(await Promise.all([service.reopenForResend(transient.id), service.reopenForResend(transient.id)])).toEqual(
          expect.arrayContaining([true, false])
        )
        const [reopened] = await service.listMessages({ id: transient.id })
        expect(reopened).toMatchObject({ status: "queued", first_failed_at: null, metadata: expect.objectContaining({ resends: 1 }) })

        await service.claimForSending(permanent.id)
        expect((await service.recordFailure({ id: permanent.id, error: "400", permanent: true })).status).toBe("failed")
        const [p] = await service.listMessages({ id: permanent.id })
        expect(p.status_reason).toBe("provider_rejected")
      })

      it("settles a stale send from the notification record and never resends an unknown one", async () => {
        const rows = await service.ensureMessages([message("k:s1"), message("k:s2"), message("k:s3"), message("k:fresh")])
        for (const r of rows) await service.claimForSending(r.id)
        const old = new Date(Date.now() - 60 * 60 * 1000)
        const byKey = new Map(rows.map((r) => [r.idempotency_key, r.id]))
        await service.updateMessages(
          ["k:s1", "k:s2", "k:s3"].map((k) => ({ id: byKey.get(k)!, sending_started_at: old }))
        )

        expect(
          await service.settleStale({
            id: byKey.get("k:s1")!,
            notification: { status: "success", external_id: "sg-1", provider_id: "retention-sendgrid" },
          })
        ).toBe("sent")
        expect(await service.settleStale({ id: byKey.get("k:s2")!, notification: null })).toBe("queued")
        expect(
          await service.settleStale({
            id: byKey.get("k:s3")!,
            notification: { status: "pending", external_id: null, provider_id: null },
          })
        ).toBe("unknown")
        // Younger than staleSendingAfterMinutes: another worker may still be sending it.
        expect(await service.settleStale({ id: byKey.get("k:fresh")!, notification: null })).toBe("sending")

        const [unknown] = await service.listMessages({ id: byKey.get("k:s3")! })
        expect(unknown.status_reason).toBe("interrupted_during_send")
        expect(await service.claimForSending(unknown.id)).toBe(false)
        const [sent] = await service.listMessages({ id: byKey.get("k:s1")! })
        expect(sent.provider_message_id).toBe("sg-1")
      })

      it("settles a stale direct send as unknown: no record can tell whether the provider got it", async () => {
        const [direct, viaModule] = await service.ensureMessages([message("k:d1"), message("k:d2")])
        const rendered = (id: string) => ({ id, subject: "s", html: "<p>h</p>", text: "h", locale: "en" })
        expect(await service.claimRendered({ messages: [rendered(direct.id)], dispatch: "direct" })).toEqual([direct.id])
        expect(await service.claimRendered({ messages: [rendered(viaModule.id)], dispatch: "notification_module" })).toEqual([viaModule.id])
        // A claimed row is never claimed twice.
        expect(await service.claimRendered({ messages: [rendered(direct.id)], dispatch: "direct" })).toEqual([])
        const old = new Date(Date.now() - 60 * 60 * 1000)
        await service.updateMessages([direct.id, viaModule.id].map((id) => ({ id, sending_started_at: old })))

        expect(await service.settleStale({ id: direct.id, notification: null })).toBe("unknown")
        expect(await service.settleStale({ id: viaModule.id, notification: null })).toBe("queued")
        const [row] = await service.listMessages({ id: direct.id })
        expect(row).toMatchObject({ status: "unknown", status_reason: "interrupted_during_send", dispatch: "direct", html: "<p>h</p>" })
      })
    })

    describe("consent", () => {
      it("logs a change once, with its note, and ignores a repeat of the same state", async () => {
        const email = "Grace@Example.com"
        expect(
          await service.setConsent({ email, topic: "nps", status: "revoked", source: "admin", reference: "user_1", note: "asked by phone" })
        ).toEqual({ changed: true })
        expect(await service.setConsent({ email, topic: "nps", status: "revoked", source: "admin" })).toEqual({
          changed: false,
        })
        expect(await service.setConsent({ email, topic: "nps", status: "granted", source: "preferences" })).toEqual({
          changed: true,
        })

        const log = await service.listConsentLogs({ email: "grace@example.com" }, { order: { recorded_at: "ASC" } })
        expect(log.map((l) => [l.status, l.source, l.note])).toEqual([
          ["revoked", "admin", "asked by phone"],
          ["granted", "preferences", null],
        ])
        const consents = await service.listConsents({ email: "grace@example.com" })
        expect(consents).toHaveLength(1)
        expect(consents[0].status).toBe("granted")
      })
    })

    describe("provider events", () => {
      it("records each event once and only ever moves a message forward", async () => {
        const [row] = await service.ensureMessages([message("k:events")])
        await service.claimForSending(row.id)
        await service.recordSent({ id: row.id, provider_id: "retention-sendgrid", provider_message_id: "sg-ev" })
        const event = (sg: string, type: string) => ({
          sg_event_id: sg,
          type,
          message_id: row.id,
          provider_message_id: "sg-ev",
          occurred_at: new Date(),
          data: {},
        })

        expect(await service.recordProviderEvents([event("e1", "click")])).toHaveLength(1)
        // Same event again, and a late "delivered": nothing moves back.
        expect(await service.recordProviderEvents([event("e1", "click"), event("e2", "delivered")])).toEqual([
          { sg_event_id: "e2", message_id: row.id, type: "delivered" },
        ])
        const [after] = await service.listMessages({ id: row.id })
        expect(after.status).toBe("clicked")
        expect(await service.listMessageEvents({ message_id: row.id })).toHaveLength(2)
      })

      it("suppresses a hard bounce once and pauses a topic whose complaint rate passes the threshold", async () => {
        const rows = await service.ensureMessages(
          Array.from({ length: 100 }, (_, i) => message(`k:guard:${i}`, { topic: "nps", to_email: `p${i}@example.com` }))
        )
        for (const r of rows) {
          await service.claimForSending(r.id)
          await service.recordSent({ id: r.id, provider_id: "x", provider_message_id: `pm-${r.id}` })
        }
        const bounce = {
          sg_event_id: "b1",
          type: "bounce",
          email: rows[0].to_email,
          message_id: rows[0].id,
          provider_message_id: null,
          bounce_type: "bounce",
          occurred_at: new Date(),
          data: {},
        }
        const first = await service.applyProviderEvents([bounce])
        expect(first).toMatchObject({ recorded: 1, suppressions: 1, paused: [] })
        expect(await service.applyProviderEvents([bounce])).toMatchObject({ recorded: 0, duplicates: 1, suppressions: 0 })
        expect(await service.listSuppressions({ email: rows[0].to_email })).toHaveLength(1)

        // One complaint in 100 sends is 1% > 0.3%: the topic pauses itself, once.
        const complaint = { ...bounce, sg_event_id: "c1", type: "spamreport", email: rows[1].to_email, message_id: rows[1].id }
        expect((await service.applyProviderEvents([complaint])).paused).toEqual(["topic:nps"])
        const second = { ...complaint, sg_event_id: "c2", email: rows[2].to_email, message_id: rows[2].id }
        expect((await service.applyProviderEvents([second])).paused).toEqual([])
        const pauses = await service.listSendPauses({ scope: "topic:nps" })
        expect(pauses).toHaveLength(1)
        expect(pauses[0].reason).toMatch(/1\.00% over the last 100 sends/)
      })
    })
  },
})
