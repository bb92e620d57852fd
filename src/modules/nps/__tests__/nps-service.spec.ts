import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RETENTION_NPS_MODULE } from ".."
import { NpsResponse } from "../models/nps-response"
import { NpsSurvey } from "../models/nps-survey"
import NpsModuleService from "../service"

jest.setTimeout(60_000)

const DAY = 86400_000

moduleIntegrationTestRunner<NpsModuleService>({
  moduleName: RETENTION_NPS_MODULE,
  moduleModels: [NpsSurvey, NpsResponse],
  resolve: "./src/modules/nps",
  moduleOptions: { tokenSecret: "module-test-secret-0123456789abcdef", publicUrl: "https://shop.test" },
  testSuite: ({ service }) => {
    const delivered = new Date("2030-05-01T12:00:00.000Z")
    const schedule = (orderId: string, email: string, extra: Partial<Parameters<NpsModuleService["scheduleSurvey"]>[0]> = {}) =>
      service.scheduleSurvey({
        order_id: orderId,
        order_display_id: "1",
        customer_id: null,
        email,
        locale: "en",
        fulfillment_id: `ful_${orderId}`,
        delivered_at: delivered,
        delay_days: 3,
        throttle_days: 90,
        enabled: true,
        ...extra,
      })

    it("creates one survey per order, also when asked concurrently", async () => {
      const results = await Promise.all([schedule("order_1", "A@x.test"), schedule("order_1", "a@x.test"), schedule("order_1", "a@x.test")])
      expect(results.filter((r) => r.created)).toHaveLength(1)
      const surveys = await service.listNpsSurveys({ order_id: "order_1" })
      expect(surveys).toHaveLength(1)
      expect(surveys[0]).toMatchObject({ email: "a@x.test", status: "scheduled" })
      expect(new Date(surveys[0].due_at).getTime()).toBe(delivered.getTime() + 3 * DAY)
    })

    it("throttles per address and records skipped surveys with the reason", async () => {
      await schedule("order_1", "a@x.test")
      expect(await schedule("order_2", "a@x.test")).toMatchObject({ created: true, status: "skipped", skip_reason: "throttled" })
      expect(await schedule("order_3", "a@x.test", { delivered_at: new Date(delivered.getTime() + 100 * DAY) })).toMatchObject({
        status: "scheduled",
      })
      expect(await schedule("order_4", "b@x.test", { enabled: false })).toMatchObject({ status: "skipped", skip_reason: "disabled" })
    })

    it("lets two concurrent claims take disjoint surveys", async () => {
      for (let i = 0; i < 6; i++) await schedule(`order_${i}`, `p${i}@x.test`)
      const now = new Date(delivered.getTime() + 4 * DAY)
      const [a, b] = await Promise.all([
        service.claimDueSurveys({ now, limit: 10, leaseSeconds: 600 }),
        service.claimDueSurveys({ now, limit: 10, leaseSeconds: 600 }),
      ])
      expect([...a, ...b].sort()).toHaveLength(6)
      expect(new Set([...a, ...b]).size).toBe(6)
      expect(await service.claimDueSurveys({ now, limit: 10, leaseSeconds: 600 })).toEqual([])
    })

    it("judges eleven simultaneous clicks as a burst and keeps one response", async () => {
      const { survey_id } = await schedule("order_1", "a@x.test")
      const sentAt = new Date(Date.now() - 3600_000)
      await service.recordSendOutcome({ survey_id: survey_id!, status: "sent", reason: null, deferred_until: null, message_id: "m1", now: sentAt })
      const now = new Date()
      await Promise.all(Array.from({ length: 11 }, (_, score) => service.recordClick({ survey_id: survey_id!, score, now })))
      const responses = await service.listNpsResponses({ survey_id })
      expect(responses).toHaveLength(1)
      expect(responses[0]).toMatchObject({ status: "discarded", discard_reason: "burst" })
      const confirmed = await service.confirmResponse({ survey_id: survey_id!, score: 10, now })
      expect(confirmed).toMatchObject({ needs_alert: false, response: { status: "discarded" } })
    })

    it("refuses answers to a survey that was never sent", async () => {
      const { survey_id } = await schedule("order_1", "a@x.test")
      await expect(service.recordClick({ survey_id: survey_id!, score: 5, now: new Date() })).rejects.toThrow("not open")
      expect(await service.listNpsResponses({ survey_id })).toHaveLength(0)
    })

    it("filters the feed by a product of the surveyed order; surveys without product ids match none", async () => {
      const answered = async (orderId: string, productIds: string[] | null, comment: string) => {
        const { survey_id } = await schedule(orderId, `${orderId}@x.test`, { product_ids: productIds })
        const sentAt = new Date(Date.now() - 3600_000)
        await service.recordSendOutcome({ survey_id: survey_id!, status: "sent", reason: null, deferred_until: null, message_id: orderId, now: sentAt })
        await service.recordClick({ survey_id: survey_id!, score: 8, now: new Date() })
        await service.confirmResponse({ survey_id: survey_id!, score: 8, comment, now: new Date() })
      }
      await answered("order_a", ["prod_b", "prod_a", "prod_b"], "a")
      await answered("order_b", ["prod_b"], "b")
      // Scheduled before product ids were stored.
      await answered("order_c", null, "c")
      expect((await service.listNpsSurveys({ order_id: "order_a" }))[0].product_ids).toEqual(["prod_a", "prod_b"])
      const comments = async (product_id?: string) => {
        const { responses, count } = await service.feed({ filter: { product_id }, limit: 50, offset: 0 })
        expect(count).toBe(responses.length)
        return responses.map((r) => r.comment).sort()
      }
      expect(await comments()).toEqual(["a", "b", "c"])
      expect(await comments("prod_a")).toEqual(["a"])
      expect(await comments("prod_b")).toEqual(["a", "b"])
      expect(await comments("prod_zzz")).toEqual([])
      expect(await service.feedProducts({ limit: 10 })).toEqual([
        { product_id: "prod_b", responses: 2 },
        { product_id: "prod_a", responses: 1 },
      ])
    })

    it("pages through customers' confirmed answers in a window, oldest first, without repeats", async () => {
      const answered = async (orderId: string, customerId: string | null) => {
        const { survey_id } = await schedule(orderId, `${orderId}@x.test`, { customer_id: customerId })
        await service.recordSendOutcome({ survey_id: survey_id!, status: "sent", reason: null, deferred_until: null, message_id: orderId, now: new Date(Date.now() - 3600_000) })
        await service.recordClick({ survey_id: survey_id!, score: 9, now: new Date() })
        await service.confirmResponse({ survey_id: survey_id!, score: 9, now: new Date() })
        return survey_id!
      }
      const mine = [await answered("order_p1", "cus_1"), await answered("order_p2", "cus_2"), await answered("order_p3", "cus_3")]
      await answered("order_guest", null)
      const window = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60_000) }
      const first = await service.listConfirmedCustomerAnswers({ ...window, limit: 2 })
      expect(first).toHaveLength(2)
      const second = await service.listConfirmedCustomerAnswers({ ...window, limit: 2, after: first[1] })
      expect(second).toHaveLength(1)
      expect([...first, ...second].map((a) => a.survey_id).sort()).toEqual([...mine].sort())
      expect(await service.listConfirmedCustomerAnswers({ ...window, limit: 2, after: second[0] })).toEqual([])
      expect(await service.listConfirmedCustomerAnswers({ from: window.to, to: new Date(Date.now() + DAY), limit: 10 })).toEqual([])
    })

    it("signs score links that verify, and rejects a tampered token", () => {
      const urls = service.scoreUrls({ s: "npss_1", l: "tr" })
      expect(urls).toHaveLength(11)
      const token = new URL(urls[0]).searchParams.get("token")!
      expect(service.verifyAnswerToken(token)).toMatchObject({ ok: true, payload: { s: "npss_1", l: "tr" } })
      expect(service.verifyAnswerToken(`${token}x`).ok).toBe(false)
    })
  },
})
