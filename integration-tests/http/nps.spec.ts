// Post-delivery NPS surveys through the real app: delivery.created → a scheduled survey → the
// scheduler's tick → the messaging workflow → the local outbox; the eleven signed score links,
// confirmation, scanners, the detractor alert and the admin dashboard.
// Time is controlled by backdating rows, never by sleeping.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  capturePaymentWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../../scripts/demo/seed"
import { sendDueNpsSurveys } from "../../src/jobs/send-due-nps-surveys"
import { prepareDemoNps } from "../../scripts/demo/nps"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import scheduleNpsSurveyOnDelivery from "../../src/subscribers/nps-delivery-created-schedule-survey"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

let outboxDir: string

// Runs before the runner boots the app, so medusa-config.ts sees these.
beforeAll(async () => {
  outboxDir = await mkdtemp(path.join(tmpdir(), "retention-nps-outbox-"))
  process.env.RETENTION_OUTBOX_DIR = outboxDir
  process.env.RETENTION_EMAIL_PROVIDER = "outbox"
})
afterAll(async () => {
  await rm(outboxDir, { recursive: true, force: true })
})

type OutboxFile = { to: string; subject: string; html: string; text: string | null; template: string }
type Response = { status: number; data: any; headers: Record<string, string> }

async function mailTo(email: string): Promise<OutboxFile[]> {
  const files = (await readdir(outboxDir)).filter((f) => f.endsWith(".json"))
  const all: OutboxFile[] = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(outboxDir, f), "utf8"))))
  return all.filter((m) => m.to === email)
}

const decode = (html: string) => html.replace(/&#x3D;/g, "=").replace(/&amp;/g, "&").replace(/&#x2F;/g, "/")

/** The score links of a survey email, as paths, in the order shown. */
function scoreLinks(mail: OutboxFile): string[] {
  const links = [...decode(mail.html).matchAll(/href="(https?:\/\/[^"]*\/retention\/nps\/answer\?token=[^"]+)"/g)].map((m) => {
    const url = new URL(m[1])
    return `${url.pathname}${url.search}`
  })
  return links
}

const tokenOf = (link: string) => new URL(`http://x${link}`).searchParams.get("token")!

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const container = (): MedusaContainer => getContainer()
    const { query, createCart, completeCart } = cartRecoveryHelpers(container)
    const nps = (): NpsModuleService => container().resolve(RETENTION_NPS_MODULE)
    const settle = (p: Promise<Response>): Promise<Response> =>
      p.catch((e: { response?: Response }) => {
        if (!e.response) throw e
        return e.response
      })
    const tick = () => sendDueNpsSurveys(container())

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 }, { headers })
      await api.post(
        "/admin/retention/settings/nps",
        { alertEmails: ["cx@store.test"], reviewUrl: "https://reviews.example.com/our-store" },
        { headers }
      )
    })

    /** A paid order with the given items (one fulfillment per group), not yet delivered. */
    const placeOrder = async (email: string, items: [string, number][] = [["ETH-YIRG-250", 1]]) => {
      const cart = await createCart(email, items)
      const order = await completeCart(cart.id)
      const { data: [full] } = await query().graph({
        entity: "order",
        fields: ["id", "items.id", "items.detail.quantity", "payment_collections.payments.id"],
        filters: { id: order.id },
      })
      for (const collection of full.payment_collections ?? []) {
        for (const payment of collection?.payments ?? []) {
          if (payment) await capturePaymentWorkflow(container()).run({ input: { payment_id: payment.id } })
        }
      }
      const lines = (full.items ?? []) as ({ id: string; detail?: { quantity?: unknown } } | null)[]
      return { id: order.id, items: lines.flatMap((i) => (i ? [{ id: i.id, quantity: Number(i.detail?.quantity) }] : [])) }
    }

    const deliver = async (orderId: string, items: { id: string; quantity: number }[]) => {
      const { data: locations } = await query().graph({ entity: "stock_location", fields: ["id"] })
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container()).run({
        input: { order_id: orderId, items, location_id: locations[0].id },
      })
      await createOrderShipmentWorkflow(container()).run({ input: { order_id: orderId, fulfillment_id: fulfillment.id, items } })
      await markOrderFulfillmentAsDeliveredWorkflow(container()).run({ input: { orderId, fulfillmentId: fulfillment.id } })
      return fulfillment.id as string
    }

    const surveyOf = async (orderId: string) => {
      const rows = await nps().listNpsSurveys({ order_id: orderId })
      return rows.length === 1 ? rows[0] : undefined
    }

    /** Delivered, and the survey is due now. */
    const deliveredAndDue = async (email: string) => {
      const order = await placeOrder(email)
      await deliver(order.id, order.items)
      const survey = await eventually(() => surveyOf(order.id))
      await nps().updateNpsSurveys({ id: survey.id, due_at: new Date(Date.now() - 1000) })
      return { order, survey }
    }

    /** The survey went out an hour ago: clicks now are a person's speed. */
    const sentAnHourAgo = (surveyId: string) => nps().updateNpsSurveys({ id: surveyId, sent_at: new Date(Date.now() - 3600_000) })

    const responseOf = async (surveyId: string) => (await nps().listNpsResponses({ survey_id: surveyId }))

    it("delivers → schedules once → sends once → click, confirm, change, comment, detractor alert → dashboard", async () => {
      const email = "nps.flow@example.com"
      const order = await placeOrder(email, [
        ["ETH-YIRG-250", 1],
        ["FLT-V60-100", 1],
      ])
      // First fulfillment delivered: one survey, due three days after delivery.
      const firstFulfillment = await deliver(order.id, [order.items[0]])
      const survey = await eventually(() => surveyOf(order.id))
      expect(survey).toMatchObject({ status: "scheduled", email, fulfillment_id: firstFulfillment })
      expect(new Date(survey.due_at).getTime() - new Date(survey.delivered_at).getTime()).toBe(3 * 86400_000)

      // The same event again, and a second fulfillment delivered: still one survey, same timing.
      await scheduleNpsSurveyOnDelivery({ event: { name: "delivery.created", data: { id: firstFulfillment } }, container: container() } as Parameters<
        typeof scheduleNpsSurveyOnDelivery
      >[0])
      await deliver(order.id, [order.items[1]])
      await new Promise((r) => setTimeout(r, 500))
      const all = await nps().listNpsSurveys({ order_id: order.id })
      expect(all).toHaveLength(1)
      expect(all[0]).toMatchObject({ id: survey.id, fulfillment_id: firstFulfillment, due_at: survey.due_at })

      // Not due yet: the tick sends nothing.
      await tick()
      expect(await mailTo(email)).toHaveLength(0)

      // Due: two ticks at once send it once.
      await nps().updateNpsSurveys({ id: survey.id, due_at: new Date(Date.now() - 1000) })
      await Promise.all([tick(), tick()])
      await tick()
      const mails = await mailTo(email)
      expect(mails).toHaveLength(1)
      expect(mails[0].template).toBe("nps-survey")
      expect((await surveyOf(order.id))!.status).toBe("sent")
      const links = scoreLinks(mails[0])
      expect(links).toHaveLength(11)
      links.forEach((link, score) => expect(link).toMatch(new RegExp(`&score=${score}$`)))
      expect(links.every((l) => l.startsWith("/retention/nps/answer?"))).toBe(true)

      await sentAnHourAgo(survey.id)
      // A click: tentative, with a thank-you page whose script confirms it.
      const page = await api.get(links[9])
      expect(page.status).toBe(200)
      expect(page.data).toContain("We recorded your score of 9 out of 10.")
      expect(page.data).toContain("https://reviews.example.com/our-store")
      expect(page.data).toContain("<script>")
      expect(page.data).toContain('<textarea id="comment" name="comment"')
      expect((await responseOf(survey.id))[0]).toMatchObject({ score: 9, status: "tentative", category: "promoter" })
      let dash = (await api.get("/admin/retention/nps/dashboard", { headers })).data.dashboard
      expect(dash.responses_all).toBe(0)

      // The page's confirmation.
      const token = tokenOf(links[9])
      const confirmed = await api.post("/retention/nps/answer", { token, score: "9" })
      expect(confirmed.data.response).toMatchObject({ score: 9, category: "promoter", status: "confirmed" })

      // A second click changes the score; never a second response.
      await api.get(links[6])
      await api.post("/retention/nps/answer", { token, score: 6 })
      // The comment form (a plain form post) saves the comment.
      const form = await api.post(
        "/retention/nps/answer",
        new URLSearchParams({ token, score: "6", comment: "Arrived late, box was crushed." }).toString(),
        { headers: { "content-type": "application/x-www-form-urlencoded" } }
      )
      expect(form.status).toBe(200)
      expect(String(form.data)).toContain("Your answer is saved.")
      const responses = await responseOf(survey.id)
      expect(responses).toHaveLength(1)
      expect(responses[0]).toMatchObject({ score: 6, category: "detractor", status: "confirmed", comment: "Arrived late, box was crushed." })
      expect((await surveyOf(order.id))!.status).toBe("responded")

      // The detractor alert went to the configured address once, with score, customer and admin link.
      const alerts = await eventually(async () => {
        const m = await mailTo("cx@store.test")
        return m.length ? m : undefined
      })
      expect(alerts).toHaveLength(1)
      expect(alerts[0].template).toBe("detractor-alert")
      expect(alerts[0].subject).toContain("6/10")
      expect(decode(alerts[0].html)).toContain(`/app/orders/${order.id}`)
      expect(alerts[0].html).toContain(email)
      expect((await responseOf(survey.id))[0].alert_sent_at).not.toBeNull()

      // A scanner-like burst on another survey is discarded, and its confirmation changes nothing.
      const scanned = await deliveredAndDue("nps.scanned@example.com")
      await tick()
      const scannedLinks = scoreLinks((await mailTo("nps.scanned@example.com"))[0])
      await sentAnHourAgo(scanned.survey.id)
      await Promise.all(scannedLinks.map((l) => api.get(l)))
      await api.post("/retention/nps/answer", { token: tokenOf(scannedLinks[10]), score: 10 })
      expect((await responseOf(scanned.survey.id))).toEqual([expect.objectContaining({ status: "discarded", discard_reason: "burst" })])

      // A click seconds after the send is faster than a person: discarded too.
      const fast = await deliveredAndDue("nps.fast@example.com")
      await tick()
      const fastLinks = scoreLinks((await mailTo("nps.fast@example.com"))[0])
      await api.get(fastLinks[10])
      await api.post("/retention/nps/answer", { token: tokenOf(fastLinks[10]), score: 10 })
      expect((await responseOf(fast.survey.id))).toEqual([expect.objectContaining({ status: "discarded", discard_reason: "too_fast" })])

      // A promoter elsewhere, confirmed: no alert for it.
      const happy = await deliveredAndDue("nps.happy@example.com")
      await tick()
      const happyLinks = scoreLinks((await mailTo("nps.happy@example.com"))[0])
      await sentAnHourAgo(happy.survey.id)
      await api.get(happyLinks[10])
      await api.post("/retention/nps/answer", { token: tokenOf(happyLinks[10]), score: 10 })
      expect(await mailTo("cx@store.test")).toHaveLength(1)

      // Dashboard: confirmed 6 and 10 → one detractor, one promoter → NPS 0; two discarded.
      dash = (await api.get("/admin/retention/nps/dashboard", { headers })).data.dashboard
      expect(dash).toMatchObject({ nps_30: 0, nps_90: 0, nps_all: 0, responses_all: 2, responses_30: 2, discarded: 2, surveys_sent: 4, response_rate: 50 })
      expect(dash.distribution).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1])
      expect(dash.weekly).toHaveLength(1)
      expect(dash.weekly[0]).toMatchObject({ responses: 2, nps: 0 })

      const feed = (await api.get("/admin/retention/nps/responses?category=detractor", { headers })).data
      expect(feed.count).toBe(1)
      expect(feed.responses[0]).toMatchObject({ score: 6, comment: "Arrived late, box was crushed.", email })
      const promoters = (await api.get("/admin/retention/nps/responses?category=promoter", { headers })).data
      expect(promoters.responses.map((r: { email: string }) => r.email)).toEqual(["nps.happy@example.com"])
      const widget = (await api.get(`/admin/retention/nps/surveys?order_id=${order.id}`, { headers })).data
      expect(widget.surveys[0]).toMatchObject({ status: "responded", response: { score: 6, status: "confirmed" } })
    })

    it("throttles a second survey to the same address and records why", async () => {
      const email = "nps.throttle@example.com"
      const first = await placeOrder(email)
      await deliver(first.id, first.items)
      await eventually(() => surveyOf(first.id))
      const second = await placeOrder(email)
      await deliver(second.id, second.items)
      const skipped = await eventually(() => surveyOf(second.id))
      expect(skipped).toMatchObject({ status: "skipped", skip_reason: "throttled" })

      // The skipped survey never goes out, even when "due".
      await nps().updateNpsSurveys({ id: skipped.id, due_at: new Date(Date.now() - 1000) })
      await tick()
      expect(await mailTo(email)).toHaveLength(0)
    })

    it("respects a revoked NPS consent: the survey is skipped with the reason, nothing is sent", async () => {
      const email = "nps.noconsent@example.com"
      const messaging: MessagingModuleService = container().resolve(RETENTION_MESSAGING_MODULE)
      await messaging.setConsent({ email, topic: "nps", status: "revoked", source: "test" })
      const { order } = await deliveredAndDue(email)
      await tick()
      expect(await mailTo(email)).toHaveLength(0)
      const survey = await surveyOf(order.id)
      expect(survey!.status).toBe("skipped")
      expect(survey!.skip_reason).toMatch(/^suppressed/)
    })

    it("demo: the seeded delivered orders' surveys go out and the dashboard has history", async () => {
      const seeded = await eventually(async () => {
        const rows = await nps().listNpsSurveys({})
        return rows.length >= 2 ? rows : undefined
      })
      expect(seeded.every((s) => s.status === "scheduled")).toBe(true)
      const result = await prepareDemoNps(container())
      expect(result.sent).toBe(seeded.length)
      expect(result.history).toBeGreaterThan(50)
      for (const s of seeded) {
        const surveys = (await mailTo(s.email)).filter((m) => m.template === "nps-survey")
        expect(surveys).toHaveLength(1)
        expect(scoreLinks(surveys[0])).toHaveLength(11)
      }
      const dash = (await api.get("/admin/retention/nps/dashboard", { headers })).data.dashboard
      expect(dash.responses_all).toBe(result.history)
      expect(dash.weekly.length).toBeGreaterThan(5)
      // Running the demo step again adds nothing.
      expect((await prepareDemoNps(container())).history).toBe(0)
    })

    it("refuses bad input with a clear 4xx and stores nothing", async () => {
      const email = "nps.bad@example.com"
      const { survey } = await deliveredAndDue(email)
      await tick()
      const links = scoreLinks((await mailTo(email))[0])
      await sentAnHourAgo(survey.id)
      const token = tokenOf(links[0])
      const base = links[0].replace(/&score=\d+$/, "")

      const eleven = await settle(api.get(`${base}&score=11`))
      expect(eleven.status).toBe(400)
      expect(eleven.data).toContain("score: must be a whole number from 0 to 10")
      const abc = await settle(api.get(`${base}&score=abc`))
      expect(abc.status).toBe(400)
      const forgedToken = token.slice(0, -3) + (token.endsWith("AAA") ? "BBB" : "AAA")
      const forged = await settle(api.get(`/retention/nps/answer?token=${encodeURIComponent(forgedToken)}&score=5`))
      expect(forged.status).toBe(400)
      expect(forged.data).toContain("invalid or has expired")
      const postEleven = await settle(api.post("/retention/nps/answer", { token, score: 11 }))
      expect(postEleven.status).toBe(400)
      expect(postEleven.data.message).toContain("score")
      const postAbc = await settle(api.post("/retention/nps/answer", { token, score: "abc" }))
      expect(postAbc.status).toBe(400)
      expect(await responseOf(survey.id)).toHaveLength(0)

      await api.get(links[8])
      const long = await settle(api.post("/retention/nps/answer", { token, score: 8, comment: "x".repeat(10_000) }))
      expect(long.status).toBe(400)
      expect(long.data.message).toContain("comment")
      const forgedPost = await settle(api.post("/retention/nps/answer", { token: forgedToken, score: 8, comment: "hi" }))
      expect(forgedPost.status).toBe(400)
      const [response] = await responseOf(survey.id)
      expect(response).toMatchObject({ status: "tentative", comment: null })

      const badQuery = await settle(api.get("/admin/retention/nps/responses?category=angry", { headers }))
      expect(badQuery.status).toBe(400)
      expect(badQuery.data.message).toContain("category")
    })
  },
})
