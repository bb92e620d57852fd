// Cart recovery when the email provider fails: the real SendGrid provider talks to a local HTTP
// server standing in for SendGrid (faked only at the network). A failing step stays retryable
// with its attempts counted, is marked failed after the campaign's max attempts, and the
// sequence moves on; nothing is sent twice.
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../../scripts/demo/seed"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { ScriptedReply } from "../../src/providers/sendgrid-marketing/__tests__/fake-sendgrid-server"
import { createAdminAndLogin } from "../helpers/admin"
import { useFakeSendgrid } from "../helpers/sendgrid"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

const script: ScriptedReply[] = []
const sendgrid = useFakeSendgrid(script)

type SentBody = { personalizations: { to: { email: string }[] }[] }
const requestsTo = (email: string) =>
  sendgrid.requests.filter((r) => (r.body as SentBody).personalizations?.[0]?.to?.[0]?.email === email)

/** From the next request on, SendGrid answers with `reply` until `healed()` is called. */
function failFromNow(reply: ScriptedReply, count = 200) {
  script.length = 0
  script.push(...sendgrid.requests.map(() => ({ status: 202 }) as ScriptedReply))
  script.push(...Array.from({ length: count }, () => reply))
  return { healed: () => (script.length = sendgrid.requests.length) }
}

medusaIntegrationTestRunner({
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

    it("keeps a step retryable through SendGrid outages, fails it after max attempts and moves on, never sending twice", async () => {
      const email = "outage@example.com"
      const cart = await createCart(email)
      const outage = failFromNow({ status: 503, body: { errors: [{ message: "unavailable" }] } })

      await makeDue(cart.id, 2)
      await tick()
      const first = await tracked(cart.id)
      expect(first).toMatchObject({ current_step: 0, attempts: 1 })
      expect(new Date(first.next_action_at!).getTime()).toBeGreaterThan(Date.now())
      const [message] = await messaging().listMessages({ idempotency_key: `cart-recovery:${cart.id}:1` })
      expect(message.status).toBe("queued")
      expect(message.attempts).toBeGreaterThan(0)
      expect(await service().listRecoverySends({ cart_id: cart.id })).toHaveLength(0)

      // Second attempt also fails: the campaign allows 2, so the step is marked failed and step 2 is next.
      await makeDue(cart.id, 2)
      await tick()
      const second = await tracked(cart.id)
      expect(second).toMatchObject({ current_step: 1, attempts: 0 })
      const [failed] = await service().listRecoverySends({ cart_id: cart.id, step: 1 })
      expect(failed.status).toBe("failed")

      // SendGrid is back: step 2 goes out once; step 1 is never retried behind the merchant's back.
      outage.healed()
      const healedAt = sendgrid.requests.length
      await makeDue(cart.id, 25)
      await tick()
      // Forced due again after the last step: the sequence expires, nothing is re-sent.
      await makeDue(cart.id, 26)
      await tick()
      const delivered = requestsTo(email).filter((r) => sendgrid.requests.indexOf(r) >= healedAt)
      expect(delivered).toHaveLength(1)
      const [sent] = await service().listRecoverySends({ cart_id: cart.id, step: 2 })
      expect(sent.status).toBe("sent")
      expect(await tracked(cart.id)).toMatchObject({ status: "expired", current_step: 2, last_sent_at: expect.any(Date) })
      const [step1] = await messaging().listMessages({ idempotency_key: `cart-recovery:${cart.id}:1` })
      expect(step1.status).not.toBe("sent")
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
