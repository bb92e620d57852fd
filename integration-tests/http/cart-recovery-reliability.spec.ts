// Email when the provider fails: the real SendGrid provider talks to a local HTTP server standing
// in for SendGrid (faked only at the network). A temporary outage delays every email (cart step,
// NPS survey, loyalty email) under the one retry policy and each goes out once afterwards; a
// message still failing after the retry window is failed with its reason and can be resent by
// the merchant, through the send policy; a permanent rejection fails the step at once and the
// sequence moves on. Time passes by moving due times in the database, never by waiting.
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { retryDueMessages } from "../../src/jobs/retry-due-messages"
import { sendDueNpsSurveys } from "../../src/jobs/send-due-nps-surveys"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import { sendLoyaltyEmails } from "../../src/workflows/loyalty/steps/send-loyalty-emails"
import { ScriptedReply } from "../../src/providers/sendgrid-marketing/__tests__/fake-sendgrid-server"
import { createAdminAndLogin } from "../helpers/admin"
import { settle } from "../helpers/outbox"
import { useFakeSendgrid } from "../helpers/sendgrid"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

const script: ScriptedReply[] = []
const sendgrid = useFakeSendgrid(script)

type SentBody = { personalizations: { to: { email: string }[] }[] }
const requestsTo = (email: string) =>
  sendgrid.requests.filter((r) => (r.body as SentBody).personalizations?.[0]?.to?.[0]?.email === email)

/** From the next request on, SendGrid answers with `reply` until `healed()` is called. */
function failFromNow(reply: ScriptedReply, count = 1000) {
  script.length = 0
  script.push(...sendgrid.requests.map(() => ({ status: 202 }) as ScriptedReply))
  script.push(...Array.from({ length: count }, () => reply))
  return { healed: () => (script.length = sendgrid.requests.length) }
}

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { service, createCart, tracked, makeDue, tick } = cartRecoveryHelpers(container)
    const messaging = (): MessagingModuleService => container().resolve(RETENTION_MESSAGING_MODULE)

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    let headers: { authorization: string }
    let campaignId: string

    beforeEach(async () => {
      script.length = 0
      ;({ headers } = await createAdminAndLogin(container(), api))
      await api.post(
        "/admin/retention/settings/consent",
        { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 },
        { headers }
      )
      const list = await api.get("/admin/retention/cart-recovery/campaigns", { headers })
      const campaign = list.data.campaigns.find((c: { is_default: boolean }) => c.is_default)
      campaignId = campaign.id
      await api.post(
        `/admin/retention/cart-recovery/campaigns/${campaign.id}`,
        { steps: [{ delay_hours: 1 }, { delay_hours: 24 }], max_attempts: 2, on_step_failure: "next_step", cap_per_address: 5 },
        { headers }
      )
    })

    const nps = (): NpsModuleService => container().resolve(RETENTION_NPS_MODULE)
    const HOUR = 3600_000
    const unavailable: ScriptedReply = { status: 503, body: { errors: [{ message: "unavailable" }] } }

    /** A registered customer for loyalty emails. */
    const customer = async (email: string) => {
      const [created] = await container().resolve(Modules.CUSTOMER).createCustomers([{ email, first_name: "Lou" }])
      return created
    }

    /**
     * Lets the backoff of every waiting message pass: the window start moves back by the wait
     * (so the 24-hour window sees the time go by) and the next attempt becomes due now. Answers
     * the simulated time that passed.
     */
    const letBackoffPass = async (keys: string[]) => {
      let waited = 0
      for (const row of await messaging().listMessages({ idempotency_key: keys, status: "retrying" })) {
        const wait = new Date(row.next_attempt_at!).getTime() - new Date(row.updated_at).getTime()
        waited = Math.max(waited, wait)
        await messaging().updateMessages({
          id: row.id,
          first_failed_at: new Date(new Date(row.first_failed_at!).getTime() - wait),
          next_attempt_at: new Date(Date.now() - 1000),
        })
      }
      return waited
    }

    it("a 2-hour SendGrid outage delays a cart step, an NPS survey and a loyalty email; each goes out once when it ends", async () => {
      const outage = failFromNow(unavailable)
      const cartEmail = "outage.cart@example.com"
      const cart = await createCart(cartEmail)
      await makeDue(cart.id, 2)
      await tick()
      const survey = (
        await nps().createNpsSurveys([
          {
            order_id: "order_outage_test",
            email: "outage.nps@example.com",
            fulfillment_id: "ful_outage_test",
            delivered_at: new Date(Date.now() - 3 * 86400_000),
            due_at: new Date(Date.now() - 1000),
          },
        ])
      )[0]
      await sendDueNpsSurveys(container())
      const member = await customer("outage.loyalty@example.com")
      await sendLoyaltyEmails(container(), [
        { key: "loyalty:earned:outage-test", template: "loyalty-points-earned", customer_id: member.id, data: { pointsEarned: 10, balance: 10 } },
      ])

      const keys = [`cart-recovery:${cart.id}:1`, "nps:order_outage_test", "loyalty:earned:outage-test"]
      const rows = await messaging().listMessages({ idempotency_key: keys })
      expect(rows.map((r) => r.status)).toEqual(["retrying", "retrying", "retrying"])
      for (const row of rows) {
        expect(row.status_reason).toBe("temporary_failure")
        expect(new Date(row.next_attempt_at!).getTime()).toBeGreaterThan(Date.now())
      }
      // The cart and the survey wait for the message's retry time, they are not given up.
      expect(await tracked(cart.id)).toMatchObject({ current_step: 0, status: expect.not.stringMatching(/opted_out|expired/) })
      expect((await nps().listNpsSurveys({ id: survey.id }))[0].status).toBe("scheduled")

      // Two simulated hours of outage: every message is retried on its backoff and keeps failing.
      let simulated = 0
      while (simulated < 2 * HOUR) {
        const waited = await letBackoffPass(keys)
        // Nothing waiting to retry any more: the checks below say what happened.
        if (!waited) break
        simulated += waited
        await makeDue(cart.id, 2)
        await nps().updateNpsSurveys({ id: survey.id, due_at: new Date(Date.now() - 1000) })
        await tick()
        await sendDueNpsSurveys(container())
        await retryDueMessages(container())
      }
      const during = await messaging().listMessages({ idempotency_key: keys })
      expect(during.map((r) => r.status)).toEqual(["retrying", "retrying", "retrying"])
      expect(Math.min(...during.map((r) => r.attempts))).toBeGreaterThanOrEqual(4)

      // SendGrid is back: the next attempt of each goes out, once.
      outage.healed()
      const healedAt = sendgrid.requests.length
      await letBackoffPass(keys)
      await makeDue(cart.id, 2)
      await nps().updateNpsSurveys({ id: survey.id, due_at: new Date(Date.now() - 1000) })
      for (let i = 0; i < 2; i++) {
        await tick()
        await sendDueNpsSurveys(container())
        await retryDueMessages(container())
      }
      const after = sendgrid.requests.slice(healedAt)
      for (const email of [cartEmail, "outage.nps@example.com", "outage.loyalty@example.com"]) {
        expect(after.filter((r) => (r.body as SentBody).personalizations?.[0]?.to?.[0]?.email === email)).toHaveLength(1)
      }
      const sent = await messaging().listMessages({ idempotency_key: keys })
      expect(sent.map((r) => r.status)).toEqual(["sent", "sent", "sent"])
      const [step1] = await service().listRecoverySends({ cart_id: cart.id, step: 1 })
      expect(step1.status).toBe("sent")
      expect(await tracked(cart.id)).toMatchObject({ current_step: 1, status: "emailed" })
      expect((await nps().listNpsSurveys({ id: survey.id }))[0].status).toBe("sent")
    })

    it("fails a message still failing after the retry window, with its reason; the merchant's resend goes once and never to an unsubscribed address", async () => {
      const outage = failFromNow(unavailable)
      const member = await customer("window.loyalty@example.com")
      const other = await customer("window.optout@example.com")
      await sendLoyaltyEmails(container(), [
        { key: "loyalty:earned:window-test", template: "loyalty-points-earned", customer_id: member.id, data: { pointsEarned: 5, balance: 5 } },
        { key: "loyalty:earned:window-optout", template: "loyalty-points-earned", customer_id: other.id, data: { pointsEarned: 5, balance: 5 } },
      ])
      // A day has passed since the first failure: the next failed attempt ends the window.
      for (const row of await messaging().listMessages({ idempotency_key: ["loyalty:earned:window-test", "loyalty:earned:window-optout"] })) {
        expect(row.status).toBe("retrying")
        await messaging().updateMessages({
          id: row.id,
          first_failed_at: new Date(Date.now() - 25 * HOUR),
          next_attempt_at: new Date(Date.now() - 1000),
        })
      }
      await retryDueMessages(container())
      const list = await api.get("/admin/retention/messages?status=failed&topic=loyalty", { headers })
      const failed = list.data.messages.filter((m: { idempotency_key: string }) => m.idempotency_key.includes("window-"))
      expect(failed).toHaveLength(2)
      for (const m of failed) {
        expect(m).toMatchObject({ status: "failed", status_reason: "retries_exhausted" })
        expect(m.last_error).toMatch(/503/)
      }

      outage.healed()
      const healedAt = sendgrid.requests.length
      const target = failed.find((m: { to_email: string }) => m.to_email === "window.loyalty@example.com")
      const [first, second] = await Promise.all([
        settle(api.post(`/admin/retention/messages/${target.id}/resend`, {}, { headers })),
        settle(api.post(`/admin/retention/messages/${target.id}/resend`, {}, { headers })),
      ])
      // A double click: one reopens and sends, the other is refused (the message is no longer failed).
      expect([first.status, second.status].sort()).toEqual([200, 400])
      const ok = [first, second].filter((r) => r.status === 200)
      expect(ok[0].data.message.status).toBe("sent")
      expect(requestsTo("window.loyalty@example.com").filter((r) => sendgrid.requests.indexOf(r) >= healedAt)).toHaveLength(1)
      // Sent now: a further click is refused and sends nothing.
      const again = await settle(api.post(`/admin/retention/messages/${target.id}/resend`, {}, { headers }))
      expect(again.status).toBeGreaterThanOrEqual(400)
      expect(requestsTo("window.loyalty@example.com").filter((r) => sendgrid.requests.indexOf(r) >= healedAt)).toHaveLength(1)

      // Unsubscribed meanwhile: the resend goes through the send policy and sends nothing.
      await messaging().setConsent({ email: "window.optout@example.com", topic: "all", status: "revoked", source: "test" })
      const optedOut = failed.find((m: { to_email: string }) => m.to_email === "window.optout@example.com")
      const refused = await api.post(`/admin/retention/messages/${optedOut.id}/resend`, {}, { headers })
      expect(refused.data.message.status).toBe("suppressed")
      expect(requestsTo("window.optout@example.com").filter((r) => sendgrid.requests.indexOf(r) >= healedAt)).toHaveLength(0)
    })

    it("a resent NPS survey and cart step count as sent for their features: the survey takes answers, the step's code is on", async () => {
      await api.post(
        `/admin/retention/cart-recovery/campaigns/${campaignId}`,
        { steps: [{ delay_hours: 1, discount: { type: "percentage", value: 10, expires_in_hours: 48 } }, { delay_hours: 24 }] },
        { headers }
      )
      const outage = failFromNow(unavailable)
      const cart = await createCart("resend.cart@example.com")
      await makeDue(cart.id, 2)
      await tick()
      const survey = (
        await nps().createNpsSurveys([
          {
            order_id: "order_resend_test",
            email: "resend.nps@example.com",
            fulfillment_id: "ful_resend_test",
            delivered_at: new Date(Date.now() - 3 * 86400_000),
            due_at: new Date(Date.now() - 1000),
          },
        ])
      )[0]
      await sendDueNpsSurveys(container())
      const keys = [`cart-recovery:${cart.id}:1`, "nps:order_resend_test"]
      // A day of failures has passed: the next attempt fails them for good.
      for (const row of await messaging().listMessages({ idempotency_key: keys })) {
        expect(row.status).toBe("retrying")
        await messaging().updateMessages({ id: row.id, first_failed_at: new Date(Date.now() - 25 * HOUR), next_attempt_at: new Date(Date.now() - 1000) })
      }
      await makeDue(cart.id, 2)
      await nps().updateNpsSurveys({ id: survey.id, due_at: new Date(Date.now() - 1000) })
      await tick()
      await sendDueNpsSurveys(container())
      const failed = await messaging().listMessages({ idempotency_key: keys })
      expect(failed.map((m) => m.status)).toEqual(["failed", "failed"])
      expect((await nps().listNpsSurveys({ id: survey.id }))[0].status).toBe("skipped")
      const [step1] = await service().listRecoverySends({ cart_id: cart.id, step: 1 })
      expect(step1.status).toBe("failed")
      const code = service().discountCodeFor(cart.id, 1)
      const codeStatus = async () =>
        (await container().resolve("query").graph({ entity: "promotion", fields: ["status"], filters: { code } })).data[0]?.status
      expect(await codeStatus()).toBe("inactive")

      outage.healed()
      for (const m of failed) {
        const res = await api.post(`/admin/retention/messages/${m.id}/resend`, {}, { headers })
        expect(res.data.message.status).toBe("sent")
      }
      expect((await nps().listNpsSurveys({ id: survey.id }))[0]).toMatchObject({ status: "sent", skip_reason: null })
      const [resent] = await service().listRecoverySends({ cart_id: cart.id, step: 1 })
      expect(resent).toMatchObject({ status: "sent", promotion_code: code })
      expect(await codeStatus()).toBe("active")
    })

    it("the retry job goes on with the other messages when one row throws", async () => {
      const outage = failFromNow(unavailable)
      const good = await customer("retry.good@example.com")
      const bad = await customer("retry.bad@example.com")
      await sendLoyaltyEmails(container(), [
        { key: "loyalty:earned:retry-good", template: "loyalty-points-earned", customer_id: good.id, data: { pointsEarned: 1, balance: 1 } },
        { key: "loyalty:earned:retry-bad", template: "loyalty-points-earned", customer_id: bad.id, data: { pointsEarned: 1, balance: 1 } },
      ])
      outage.healed()
      const [badRow] = await messaging().listMessages({ idempotency_key: "loyalty:earned:retry-bad" })
      // A row the send workflow refuses (not an address): its retry throws.
      await messaging().updateMessages({ id: badRow.id, to_email: "not-an-address" })
      // The bad row is due first, so it is the first one the tick runs.
      await messaging().updateMessages({ id: badRow.id, next_attempt_at: new Date(Date.now() - 2000) })
      const [goodRow] = await messaging().listMessages({ idempotency_key: "loyalty:earned:retry-good" })
      await messaging().updateMessages({ id: goodRow.id, next_attempt_at: new Date(Date.now() - 1000) })
      const result = await retryDueMessages(container())
      expect(result.outcomes[0]).toBe("error")
      expect((await messaging().listMessages({ id: goodRow.id }))[0].status).toBe("sent")
      expect((await messaging().listMessages({ id: badRow.id }))[0].status).toBe("retrying")
    })

    it("marks a step failed at once when SendGrid rejects it permanently, and sends the next step", async () => {
      const email = "rejected@example.com"
      const cart = await createCart(email)
      const rejection = failFromNow({ status: 400, body: { errors: [{ message: "The from address does not match a verified Sender Identity." }] } })
      await makeDue(cart.id, 2)
      await tick()
      const [failed] = await service().listRecoverySends({ cart_id: cart.id, step: 1 })
      expect(failed.status).toBe("failed")
      expect(await tracked(cart.id)).toMatchObject({ current_step: 1 })

      rejection.healed()
      await makeDue(cart.id, 25)
      await tick()
      const [sent] = await service().listRecoverySends({ cart_id: cart.id, step: 2 })
      expect(sent.status).toBe("sent")
    })

    it("stops the sequence after a failed step when the campaign says so", async () => {
      await api.post(`/admin/retention/cart-recovery/campaigns/${campaignId}`, { on_step_failure: "stop", max_attempts: 1 }, { headers })
      const email = "stop-on-failure@example.com"
      const cart = await createCart(email)
      const rejection = failFromNow({ status: 400, body: { errors: [{ message: "rejected" }] } })
      await makeDue(cart.id, 2)
      await tick()
      rejection.healed()
      const [failed] = await service().listRecoverySends({ cart_id: cart.id, step: 1 })
      expect(failed.status).toBe("failed")
      expect(await tracked(cart.id)).toMatchObject({ current_step: 0, next_action_at: null })
      await tick()
      expect(await service().listRecoverySends({ cart_id: cart.id })).toHaveLength(1)
    })
  },
})
