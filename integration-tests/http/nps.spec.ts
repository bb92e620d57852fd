// Post-delivery NPS surveys through the real app: delivery.created → a scheduled survey → the
// scheduler's tick → the messaging workflow → the local outbox; the eleven signed score links,
// confirmation, scanners, the detractor alert and the admin dashboard.
// Time is controlled by backdating rows, never by sleeping.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  createCustomerAccountWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { sendDueNpsSurveys } from "../../src/jobs/send-due-nps-surveys"
import { prepareDemoNps } from "../../scripts/demo/nps"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { DEFAULT_PROGRAM } from "../../src/modules/loyalty/program"
import { localMinutes, RETENTION_MESSAGING_MODULE, timeZoneForCountry } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_SETTINGS_MODULE } from "../../src/modules/retention-settings"
import type RetentionSettingsModuleService from "../../src/modules/retention-settings/service"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import scheduleNpsSurveyOnDelivery from "../../src/subscribers/nps-delivery-created-schedule-survey"
import { type OutboxFile, settle, useOutbox } from "../helpers/outbox"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("nps")

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

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const container = (): MedusaContainer => getContainer()
    const { query, createEuroCart, createCart, completeCart } = cartRecoveryHelpers(container)
    const nps = (): NpsModuleService => container().resolve(RETENTION_NPS_MODULE)
    const tick = () => sendDueNpsSurveys(container())

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 }, { headers })
      await api.post(
        "/admin/retention/settings/nps",
        { alertEmails: ["cx@store.test"], reviewUrl: "https://reviews.example.com/our-store", throttleDays: 90, loyaltyPointsPerResponse: 0 },
        { headers }
      )
    })

    /** A paid order with the given items (one fulfillment per group), not yet delivered. */
    const placeOrder = async (email: string, items: [string, number][] = [["ETH-YIRG-250", 1]], customerId?: string) => {
      const cart = customerId ? await createCustomerCart(email, customerId, items) : await createCart(email, items)
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

    /** A registered customer (with an account, like one who signed up in the store). */
    const registerCustomer = async (email: string) => {
      const auth = container().resolve(Modules.AUTH)
      const { authIdentity, error } = await auth.register("emailpass", { body: { email, password: "Cust0mer-pass" } } as Parameters<
        typeof auth.register
      >[1])
      if (!authIdentity) throw new Error(String(error))
      const { result } = await createCustomerAccountWorkflow(container()).run({
        input: { authIdentityId: authIdentity.id, customerData: { email, first_name: "Nina", last_name: "Promoter" } },
      })
      return result
    }

    const createCustomerCart = (email: string, customerId: string, items: [string, number][]) =>
      createEuroCart({ email, customer_id: customerId, items })

    /** Delivered, and the survey is due now. */
    const deliveredAndDue = async (email: string, items?: [string, number][], customerId?: string) => {
      const order = await placeOrder(email, items, customerId)
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
      // The store's name (from the brand settings) heads the page and ends its title.
      const { sections } = (await api.get("/admin/retention/settings", { headers })).data
      const storeName = sections.find((x: { section: string }) => x.section === "brand").values.storeName as string
      expect(page.data).toMatch(new RegExp(`<header><a href="[^"]+" rel="noopener">(<img [^>]*alt="${storeName}"|<span class="store-name">${storeName}</span>)`))
      expect(page.data).toContain(` · ${storeName}</title>`)
      expect(page.data).toContain("https://reviews.example.com/our-store")
      expect(page.data).toContain("<script>")
      expect(page.data).toContain('<textarea id="comment" name="comment"')
      expect((await responseOf(survey.id))[0]).toMatchObject({ score: 9, status: "tentative", category: "promoter" })
      let dash = (await api.get("/admin/retention/nps/dashboard", { headers })).data.dashboard
      expect(dash.responses).toBe(0)
      expect(dash.tentative).toBe(1)

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
      expect(dash).toMatchObject({ nps: 0, responses: 2, promoters: 1, detractors: 1, with_comment: 1, discarded: 2, surveys_sent: 4, surveys_answered: 2, response_rate: 50 })
      expect(dash.distribution).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1])
      // From the first answer (today) to now: one day.
      expect(dash.trend).toEqual({ bucket: "day", points: [{ start: new Date().toISOString().slice(0, 10), responses: 2, nps: 0 }] })

      const feed = (await api.get("/admin/retention/nps/responses?category=detractor", { headers })).data
      expect(feed.count).toBe(1)
      expect(feed.responses[0]).toMatchObject({ score: 6, comment: "Arrived late, box was crushed.", email })
      const promoters = (await api.get("/admin/retention/nps/responses?category=promoter", { headers })).data
      expect(promoters.responses.map((r: { email: string }) => r.email)).toEqual(["nps.happy@example.com"])
      const widget = (await api.get(`/admin/retention/nps/surveys?order_id=${order.id}`, { headers })).data
      expect(widget.surveys[0]).toMatchObject({ status: "responded", response: { score: 6, status: "confirmed" } })
    })

    it("keeps a confirmed answer: later GETs of score links, one or a parallel burst, change nothing", async () => {
      const email = "nps.confirmed@example.com"
      const { survey } = await deliveredAndDue(email)
      await tick()
      const links = scoreLinks((await mailTo(email))[0])
      await sentAnHourAgo(survey.id)
      await api.get(links[8])
      const token = tokenOf(links[8])
      await api.post("/retention/nps/answer", { token, score: "8" })
      const [before] = await responseOf(survey.id)
      expect(before).toMatchObject({ score: 8, status: "confirmed" })
      const dashboard = async () => (await api.get("/admin/retention/nps/dashboard", { headers })).data.dashboard
      const dashBefore = await dashboard()

      // One later click: the page shows the confirmed score, confirms nothing by script, and
      // offers the click's score as an explicit change.
      const page = await api.get(links[3])
      expect((await responseOf(survey.id))[0]).toMatchObject({ score: 8, status: "confirmed", discard_reason: null })
      expect(page.status).toBe(200)
      expect(page.data).toContain("We recorded your score of 8 out of 10.")
      expect(page.data).not.toContain("<script>")
      expect(page.data).toContain("Change my score to 3")

      // Three different scores at once: a scanner's burst pattern, but the answer is confirmed.
      await Promise.all([api.get(links[0]), api.get(links[5]), api.get(links[10])])
      const [after] = await responseOf(survey.id)
      expect(after).toMatchObject({ score: 8, category: "passive", status: "confirmed", discard_reason: null })
      expect(after.confirmed_at).toEqual(before.confirmed_at)
      expect(await dashboard()).toEqual(dashBefore)

      // Only the answer page's POST with the token changes it.
      await api.post("/retention/nps/answer", { token, score: "7" })
      expect((await responseOf(survey.id))[0]).toMatchObject({ score: 7, status: "confirmed" })
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
      expect(dash.responses).toBe(result.history)
      expect(dash.trend.bucket).toBe("week")
      expect(dash.trend.points.length).toBeGreaterThan(5)
      // The story the demo tells: happier lately than over the whole history, nothing answered in the future.
      const lastMonth = new URLSearchParams({ from: new Date(Date.now() - 29 * 86400_000).toISOString().slice(0, 10) })
      const recent = (await api.get(`/admin/retention/nps/dashboard?${lastMonth}`, { headers })).data.dashboard
      expect(recent.nps).toBeGreaterThan(dash.nps)
      expect(recent.nps).toBeGreaterThan(0)
      const historySurveys = await nps().listNpsSurveys({ fulfillment_id: Array.from({ length: 120 }, (_, n) => `ful_demo_nps_${n}`) })
      expect(historySurveys).toHaveLength(120)
      const history = await nps().listNpsResponses({ survey_id: historySurveys.map((s) => s.id) })
      expect(history.length).toBe(result.history)
      expect(history.every((r) => new Date(r.confirmed_at!).getTime() <= Date.now())).toBe(true)
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

    // A registered customer also gets loyalty mail (points earned on the order).
    const surveyMails = async (email: string) => (await mailTo(email)).filter((m) => m.template === "nps-survey")

    /** Sends the due survey of `email`, and answers it an hour later like a person: click, then the page's confirmation. */
    const sendAndAnswer = async (email: string, surveyId: string, score: number, comment?: string) => {
      await tick()
      const [mail] = await surveyMails(email)
      const links = scoreLinks(mail)
      await sentAnHourAgo(surveyId)
      await api.get(links[score])
      const body: Record<string, unknown> = { token: tokenOf(links[score]), score }
      if (comment) body.comment = comment
      await api.post("/retention/nps/answer", body)
      return links
    }

    describe("loyalty points for answering", () => {
      const loyalty = (): LoyaltyModuleService => container().resolve(RETENTION_LOYALTY_MODULE)
      const npsEntries = async (customerId: string) =>
        (await loyalty().listLoyaltyEntries({ customer_id: customerId, reference: "nps_response" })) as { points: number; reference_id: string }[]

      beforeEach(async () => {
        // No sign-up bonus, so the balance is the answer's points alone.
        await api.post("/admin/retention/loyalty/settings", { ...DEFAULT_PROGRAM, enabled: true, signupBonus: 0 }, { headers })
        await api.post("/admin/retention/settings/nps", { loyaltyPointsPerResponse: 40 }, { headers })
      })

      it("awards the points once on confirmation, never on a click, a second confirmation or a score change", async () => {
        const email = "nps.points@example.com"
        const customer = await registerCustomer(email)
        const { survey } = await deliveredAndDue(email, undefined, customer.id)
        expect(survey.customer_id).toBe(customer.id)
        await tick()
        const links = scoreLinks((await surveyMails(email))[0])
        await sentAnHourAgo(survey.id)

        // A click alone is tentative: no points yet.
        await api.get(links[9])
        expect(await npsEntries(customer.id)).toHaveLength(0)

        await api.post("/retention/nps/answer", { token: tokenOf(links[9]), score: 9 })
        const expectOnce = async () => {
          const { data } = await api.get(`/admin/retention/loyalty/customers/${customer.id}`, { headers })
          const bonus = data.entries.filter((e: { reference: string }) => e.reference === "nps_response")
          expect(bonus).toEqual([expect.objectContaining({ type: "bonus", points: 40, status: "available", reference_id: survey.id })])
          expect(data.loyalty.available).toBe(40)
        }
        await expectOnce()

        // Confirmed again, a changed score and its confirmation, the comment form: still once.
        await api.post("/retention/nps/answer", { token: tokenOf(links[9]), score: 9 })
        await api.get(links[4])
        await api.post("/retention/nps/answer", { token: tokenOf(links[4]), score: 4 })
        await api.post(
          "/retention/nps/answer",
          new URLSearchParams({ token: tokenOf(links[4]), score: "4", comment: "Changed my mind." }).toString(),
          { headers: { "content-type": "application/x-www-form-urlencoded" } }
        )
        expect((await responseOf(survey.id))[0]).toMatchObject({ score: 4, status: "confirmed" })
        await expectOnce()
      })

      it("catches up the points of an answer whose award failed at confirmation, once", async () => {
        const email = "nps.points.missed@example.com"
        const customer = await registerCustomer(email)
        const { survey } = await deliveredAndDue(email, undefined, customer.id)
        await tick()
        await sentAnHourAgo(survey.id)
        // The answer is confirmed but its award never ran (as if it had failed after the answer was saved).
        await nps().recordClick({ survey_id: survey.id, score: 7, now: new Date() })
        const { response } = await nps().confirmResponse({ survey_id: survey.id, score: 7, now: new Date() })
        expect(response?.status).toBe("confirmed")
        expect(await npsEntries(customer.id)).toHaveLength(0)

        // Within two minutes the confirmation itself is trusted; after that the tick pays what is missing.
        const inFiveMinutes = () => sendDueNpsSurveys(container(), new Date(Date.now() + 5 * 60_000))
        expect((await tick()).points_caught_up).toBe(0)
        expect(await npsEntries(customer.id)).toHaveLength(0)
        expect((await inFiveMinutes()).points_caught_up).toBe(1)
        expect(await npsEntries(customer.id)).toEqual([expect.objectContaining({ points: 40, reference_id: survey.id })])
        expect((await inFiveMinutes()).points_caught_up).toBe(0)
        expect(await npsEntries(customer.id)).toHaveLength(1)

        // Not retroactive: an answer confirmed before the NPS settings were saved is left alone.
        const early = "nps.points.early@example.com"
        const before = await registerCustomer(early)
        const earlySurvey = (await deliveredAndDue(early, undefined, before.id)).survey
        await tick()
        await sentAnHourAgo(earlySurvey.id)
        await nps().recordClick({ survey_id: earlySurvey.id, score: 9, now: new Date() })
        await nps().confirmResponse({ survey_id: earlySurvey.id, score: 9, now: new Date() })
        await api.post("/admin/retention/settings/nps", { loyaltyPointsPerResponse: 50 }, { headers })
        expect((await inFiveMinutes()).points_caught_up).toBe(0)
        expect(await npsEntries(before.id)).toHaveLength(0)
      })

      it("gives nothing when the setting is 0, for a guest, for a scanner's click, or with the loyalty program off", async () => {
        // Setting 0.
        await api.post("/admin/retention/settings/nps", { loyaltyPointsPerResponse: 0 }, { headers })
        const zero = await registerCustomer("nps.points.zero@example.com")
        const zeroSurvey = (await deliveredAndDue("nps.points.zero@example.com", undefined, zero.id)).survey
        await sendAndAnswer("nps.points.zero@example.com", zeroSurvey.id, 10)
        expect((await responseOf(zeroSurvey.id))[0].status).toBe("confirmed")
        expect(await npsEntries(zero.id)).toHaveLength(0)

        await api.post("/admin/retention/settings/nps", { loyaltyPointsPerResponse: 40 }, { headers })

        // A guest checkout: the order has a customer record, but no account.
        const guest = await deliveredAndDue("nps.points.guest@example.com")
        expect(guest.survey.customer_id).toBeTruthy()
        await sendAndAnswer("nps.points.guest@example.com", guest.survey.id, 10)
        expect((await responseOf(guest.survey.id))[0].status).toBe("confirmed")
        expect(await npsEntries(guest.survey.customer_id!)).toHaveLength(0)
        expect(await loyalty().listLoyaltyEntries({ reference: "nps_response", reference_id: guest.survey.id })).toHaveLength(0)

        // A click seconds after the send is a scanner's: discarded, and its confirmation earns nothing.
        const scanned = await registerCustomer("nps.points.scanned@example.com")
        const scannedSurvey = (await deliveredAndDue("nps.points.scanned@example.com", undefined, scanned.id)).survey
        await tick()
        const links = scoreLinks((await surveyMails("nps.points.scanned@example.com"))[0])
        await api.get(links[10])
        await api.post("/retention/nps/answer", { token: tokenOf(links[10]), score: 10 })
        expect((await responseOf(scannedSurvey.id))[0].status).toBe("discarded")
        expect(await npsEntries(scanned.id)).toHaveLength(0)

        // The loyalty program switched off.
        await api.post("/admin/retention/loyalty/settings", { ...DEFAULT_PROGRAM, enabled: false, signupBonus: 0 }, { headers })
        const off = await registerCustomer("nps.points.off@example.com")
        const offSurvey = (await deliveredAndDue("nps.points.off@example.com", undefined, off.id)).survey
        await sendAndAnswer("nps.points.off@example.com", offSurvey.id, 8)
        expect((await responseOf(offSurvey.id))[0].status).toBe("confirmed")
        expect(await npsEntries(off.id)).toHaveLength(0)
      })

      it("refuses a bad points setting with a 400 naming the field", async () => {
        for (const bad of [-1, 2.5, "ten"]) {
          const res = await settle(api.post("/admin/retention/settings/nps", { loyaltyPointsPerResponse: bad }, { headers }))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain("loyaltyPointsPerResponse")
        }
        const { data } = await api.get("/admin/retention/settings/nps", { headers })
        expect(data.settings.values.loyaltyPointsPerResponse).toBe(40)
      })

      it("loads settings stored before the points setting existed, with points off", async () => {
        const settings: RetentionSettingsModuleService = container().resolve(RETENTION_SETTINGS_MODULE)
        const [row] = await settings.listRetentionSettings({ section: "nps" })
        expect((row.values as Record<string, unknown>).loyaltyPointsPerResponse).toBe(40)
        // The row as an earlier release stored it (the service's json update would merge the key back).
        const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await pg.raw(`update retention_setting set "values" = "values" - 'loyaltyPointsPerResponse' where id = ?`, [row.id])
        expect(((await settings.listRetentionSettings({ section: "nps" }))[0].values as Record<string, unknown>).loyaltyPointsPerResponse).toBeUndefined()
        const { data } = await api.get("/admin/retention/settings/nps", { headers })
        expect(data.settings.values).toMatchObject({ loyaltyPointsPerResponse: 0, alertEmails: ["cx@store.test"], throttleDays: 90 })
      })
    })

    it("filters the comment feed by product", async () => {
      const { data: variants } = await query().graph({ entity: "product_variant", fields: ["sku", "product_id", "product.title"] })
      const productOf = (sku: string) => variants.find((v) => v.sku === sku)!
      const beans = productOf("ETH-YIRG-250")
      const filters = productOf("FLT-V60-100")
      expect(beans.product_id).not.toBe(filters.product_id)

      const a = await deliveredAndDue("nps.product.beans@example.com", [["ETH-YIRG-250", 1]])
      const b = await deliveredAndDue("nps.product.filters@example.com", [["FLT-V60-100", 2]])
      expect((await surveyOf(a.order.id))!.product_ids).toEqual([beans.product_id])
      expect((await surveyOf(b.order.id))!.product_ids).toEqual([filters.product_id])
      await sendAndAnswer("nps.product.beans@example.com", a.survey.id, 10, "Lovely beans.")
      await sendAndAnswer("nps.product.filters@example.com", b.survey.id, 5, "Filters tore.")

      const feedFor = async (productId: string) =>
        (await api.get(`/admin/retention/nps/responses?with_comment=true&limit=200&product_id=${productId}`, { headers })).data as {
          responses: { order_id: string; comment: string; product_ids: string[] }[]
          count: number
        }
      const beansFeed = await feedFor(beans.product_id!)
      expect(beansFeed.responses.map((r) => r.comment)).toContain("Lovely beans.")
      expect(beansFeed.responses.map((r) => r.comment)).not.toContain("Filters tore.")
      expect(beansFeed.responses.every((r) => r.product_ids.includes(beans.product_id!))).toBe(true)
      expect(beansFeed.count).toBe(beansFeed.responses.length)
      const filtersFeed = await feedFor(filters.product_id!)
      expect(filtersFeed.responses.map((r) => r.order_id)).toContain(b.order.id)
      expect(filtersFeed.responses.map((r) => r.order_id)).not.toContain(a.order.id)
      expect((await feedFor("prod_nothing_here")).count).toBe(0)

      // The picker lists both products with their titles.
      const { products } = (await api.get("/admin/retention/nps/products", { headers })).data
      expect(products).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ product_id: beans.product_id, title: beans.product!.title }),
          expect.objectContaining({ product_id: filters.product_id, title: filters.product!.title }),
        ])
      )

      for (const bad of ["prod x", "'; drop table x; --", "a".repeat(101)]) {
        const res = await settle(api.get(`/admin/retention/nps/responses?product_id=${encodeURIComponent(bad)}`, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("product_id")
      }
    })

    describe("the selection: filters drive the figures, the trend, the feed and the CSV alike", () => {
      const DAY = 86400_000
      const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10)
      const FORMULA = '=HYPERLINK("http://evil.example","Click")'

      /**
       * Two real answers today (Alice 10 with a comment, Bob 3 with a formula as comment) and a
       * synthetic history whose orders do not exist: 9 "Fast delivery, great beans" 10 days ago,
       * 6 without comment 12 days ago, 7 "Delivery was slow", 9 "Beans 50% off_code" and 10
       * without comment 40 days ago; a scanner click (discarded) 10 days ago; a survey sent 10
       * days ago and never answered.
       */
      // `tag` keeps each test's addresses apart: the outbox keeps every test's mail.
      const answers = async (tag: string) => {
        const alice = await deliveredAndDue(`nps.${tag}.alice@example.com`)
        const bob = await deliveredAndDue(`nps.${tag}.bob@example.com`)
        await sendAndAnswer(`nps.${tag}.alice@example.com`, alice.survey.id, 10, "Lovely beans, fast delivery.")
        await sendAndAnswer(`nps.${tag}.bob@example.com`, bob.survey.id, 3, FORMULA)
        const now = Date.now()
        const history: [number | null, string | null, number, "confirmed" | "discarded" | null][] = [
          [9, "Fast delivery, great beans", 10, "confirmed"],
          [6, null, 12, "confirmed"],
          [7, "Delivery was slow", 40, "confirmed"],
          [9, "Beans 50% off_code", 40, "confirmed"],
          [10, null, 40, "confirmed"],
          [0, null, 10, "discarded"],
          [null, null, 10, null],
        ]
        const surveys = await nps().createNpsSurveys(
          history.map(([, , daysAgo, status], n) => ({
            order_id: `order_filter_${n}`,
            order_display_id: String(7000 + n),
            email: `nps.syn${n}@example.com`,
            locale: "en",
            fulfillment_id: `ful_filter_${n}`,
            delivered_at: new Date(now - (daysAgo + 3) * DAY),
            due_at: new Date(now - daysAgo * DAY - 7200_000),
            sent_at: new Date(now - daysAgo * DAY - 7200_000),
            status: (status === "confirmed" ? "responded" : "sent") as "responded" | "sent",
          }))
        )
        await nps().createNpsResponses(
          history.flatMap(([score, comment, daysAgo, status], n) => {
            if (score === null || status === null) return []
            const at = new Date(now - daysAgo * DAY)
            return [
              {
                survey_id: surveys[n].id,
                order_id: `order_filter_${n}`,
                email: `nps.syn${n}@example.com`,
                score,
                category: score >= 9 ? ("promoter" as const) : score >= 7 ? ("passive" as const) : ("detractor" as const),
                status,
                discard_reason: status === "discarded" ? "burst" : null,
                comment,
                first_clicked_at: at,
                last_clicked_at: at,
                confirmed_at: status === "confirmed" ? at : null,
              },
            ]
          })
        )
        return { alice, bob, now }
      }

      type Dashboard = {
        nps: number | null
        responses: number
        promoters: number
        passives: number
        detractors: number
        with_comment: number
        distribution: number[]
        trend: { bucket: string; points: { start: string; nps: number | null; responses: number }[] }
        surveys_sent: number
        surveys_answered: number
        response_rate: number | null
        discarded: number
        tentative: number
      }
      type Row = { email: string; score: number; comment: string | null; order_id: string; order_found: boolean; customer_found: boolean }
      const dashboardOf = async (query: Record<string, string>) =>
        (await api.get(`/admin/retention/nps/dashboard?${new URLSearchParams(query)}`, { headers })).data.dashboard as Dashboard
      const feedOf = async (query: Record<string, string>) =>
        (await api.get(`/admin/retention/nps/responses?${new URLSearchParams({ limit: "200", ...query })}`, { headers })).data as { responses: Row[]; count: number }

      it("counts, scores and lists only the answers that match, and links the orders and customers that exist", async () => {
        const { alice, now } = await answers("filter")

        // Everything: 10 3 9 6 7 9 10 → 4 promoters, 1 passive, 2 detractors → (4 − 2) / 7 = 28.6.
        // Sent: Alice, Bob and 7 synthetic surveys = 9, of which 7 answered → 77.8 %.
        const all = await dashboardOf({})
        expect(all).toMatchObject({ nps: 28.6, responses: 7, promoters: 4, passives: 1, detractors: 2, with_comment: 5 })
        expect(all).toMatchObject({ surveys_sent: 9, surveys_answered: 7, response_rate: 77.8, discarded: 1, tentative: 0 })
        expect(all.distribution).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 2, 2])

        // With a comment: 10 3 9 7 9 → 3 promoters, 1 passive, 1 detractor → 40. The response
        // rate has no meaning under a filter on the answers.
        const commented = await dashboardOf({ with_comment: "true" })
        expect(commented).toMatchObject({ nps: 40, responses: 5, promoters: 3, passives: 1, detractors: 1, with_comment: 5, response_rate: null })
        expect(commented.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 1])
        const commentedFeed = await feedOf({ with_comment: "true" })
        expect(commentedFeed.count).toBe(5)
        expect(commentedFeed.responses.every((r) => r.comment)).toBe(true)
        // Without: 6 and 10 → 0.
        expect(await dashboardOf({ with_comment: "false" })).toMatchObject({ nps: 0, responses: 2, with_comment: 0 })
        expect((await feedOf({ with_comment: "false" })).responses.map((r) => r.score).sort()).toEqual([10, 6].sort())

        // Words, any case, in the comment: 10, 9, 7 → 66.7; in the address: Alice alone.
        expect(await dashboardOf({ q: "DELIVERY" })).toMatchObject({ nps: 66.7, responses: 3, promoters: 2, passives: 1 })
        expect((await feedOf({ q: "delivery" })).responses.map((r) => r.comment)).toEqual([
          "Lovely beans, fast delivery.",
          "Fast delivery, great beans",
          "Delivery was slow",
        ])
        expect((await feedOf({ q: "filter.alice" })).responses.map((r) => r.email)).toEqual(["nps.filter.alice@example.com"])
        // % and _ are the characters typed, not wildcards.
        expect((await feedOf({ q: "_" })).responses.map((r) => r.comment)).toEqual(["Beans 50% off_code"])
        expect((await feedOf({ q: "50%" })).count).toBe(1)
        expect((await feedOf({ q: "nothing like this" })).count).toBe(0)

        // The last 20 days (to = today, inclusive): 10 3 9 6 → 2 promoters, 2 detractors → 0. Sent in
        // the period: Alice, Bob and 4 synthetic (the unanswered one included) → 4 of 6 = 66.7 %.
        const period = { from: isoDay(now - 20 * DAY), to: isoDay(now) }
        const recent = await dashboardOf(period)
        expect(recent).toMatchObject({ nps: 0, responses: 4, promoters: 2, detractors: 2, surveys_sent: 6, surveys_answered: 4, response_rate: 66.7, discarded: 1 })
        // The trend: one point per day of the period, a line around 0: +100 ten days ago, −100 twelve days ago, 0 today.
        expect(recent.trend.bucket).toBe("day")
        expect(recent.trend.points).toHaveLength(21)
        const point = (daysAgo: number) => recent.trend.points.find((p) => p.start === isoDay(now - daysAgo * DAY))
        expect(point(10)).toEqual({ start: isoDay(now - 10 * DAY), nps: 100, responses: 1 })
        expect(point(12)).toEqual({ start: isoDay(now - 12 * DAY), nps: -100, responses: 1 })
        expect(point(0)).toEqual({ start: isoDay(now), nps: 0, responses: 2 })
        expect(recent.trend.points.filter((p) => p.responses === 0).every((p) => p.nps === null)).toBe(true)
        expect((await feedOf(period)).count).toBe(4)
        // `to` is inclusive: a period that ends yesterday leaves today's answers out.
        expect(await dashboardOf({ ...period, to: isoDay(now - DAY) })).toMatchObject({ responses: 2, nps: 0 })

        // Filters combine: detractors with a comment → Bob alone.
        expect(await dashboardOf({ category: "detractor", with_comment: "true" })).toMatchObject({ nps: -100, responses: 1, detractors: 1 })
        expect((await feedOf({ category: "detractor", with_comment: "true" })).responses.map((r) => r.email)).toEqual(["nps.filter.bob@example.com"])
        // A selection without answers: no score, an empty trend.
        const none = await dashboardOf({ q: "nothing like this" })
        expect(none).toMatchObject({ nps: null, responses: 0, trend: { points: [] } })

        // Real orders and customers are linked; the synthetic history's orders do not exist.
        const rows = (await feedOf({})).responses
        const aliceRow = rows.find((r) => r.email === "nps.filter.alice@example.com")!
        expect(aliceRow).toMatchObject({ order_id: alice.order.id, order_found: true, customer_found: true })
        expect(rows.filter((r) => r.order_id.startsWith("order_filter_")).every((r) => !r.order_found && !r.customer_found)).toBe(true)
      })

      it("exports the selection as CSV, every row whatever the page size, formulas defused", async () => {
        const { alice, bob } = await answers("csv")
        const res = await api.get("/admin/retention/nps/responses?format=csv&with_comment=true&limit=1&offset=3", { headers })
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toContain("text/csv")
        expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="nps-responses-\d{4}-\d{2}-\d{2}\.csv"$/)
        const lines = String(res.data).trimEnd().split("\r\n")
        expect(lines[0]).toBe("confirmed_at,score,category,comment,email,customer_id,order_id,order_display_id")
        expect(lines).toHaveLength(1 + 5)
        const aliceLine = lines.find((l) => l.includes("nps.csv.alice@example.com"))!
        expect(aliceLine).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z,10,promoter,"Lovely beans, fast delivery\.",nps\.csv\.alice@example\.com,cus_\w+,/)
        expect(aliceLine).toContain(`,${alice.order.id},`)
        // A spreadsheet shows the comment as text instead of running it.
        const bobLine = lines.find((l) => l.includes("nps.csv.bob@example.com"))!
        expect(bobLine).toContain(`,3,detractor,"'=HYPERLINK(""http://evil.example"",""Click"")",`)
        expect(bobLine).toContain(`,${bob.order.id},`)
        expect(lines.filter((l) => l.includes(",Delivery was slow,") || l.includes("Fast delivery, great beans"))).toHaveLength(2)

        // The same filters as the page: words narrow the file too.
        const narrow = await api.get("/admin/retention/nps/responses?format=csv&q=slow", { headers })
        expect(String(narrow.data).trimEnd().split("\r\n")).toEqual([lines[0], expect.stringContaining(",7,passive,Delivery was slow,nps.syn2@example.com,,order_filter_2,7002")])
      })

      it("refuses bad filters with a 400 naming the field", async () => {
        const cases: [string, string][] = [
          ["from=2026-02-30", "from"],
          ["from=0000-01-01", "from"],
          ["to=yesterday", "to"],
          ["from=2026-03-10&to=2026-03-01", "to"],
          ["with_comment=yes", "with_comment"],
          [`q=${"x".repeat(201)}`, "q"],
          ["q=a&q=b", "q"],
          ["category=angry", "category"],
          ["product_id=prod%20x", "product_id"],
          ["colour=red", "colour"],
        ]
        for (const route of ["dashboard", "responses"]) {
          for (const [query, field] of cases) {
            const res = await settle(api.get(`/admin/retention/nps/${route}?${query}`, { headers }))
            expect([route, query, res.status]).toEqual([route, query, 400])
            expect(res.data.message).toContain(field)
          }
        }
        for (const [query, field] of [
          ["format=xml", "format"],
          ["limit=0", "limit"],
          ["offset=-1", "offset"],
        ]) {
          const res = await settle(api.get(`/admin/retention/nps/responses?${query}`, { headers }))
          expect([query, res.status]).toEqual([query, 400])
          expect(res.data.message).toContain(field)
        }
        // The dashboard has no pages and no file.
        const paged = await settle(api.get("/admin/retention/nps/dashboard?limit=5", { headers }))
        expect(paged.status).toBe(400)
        expect(paged.data.message).toContain("limit")
      })
    })

    describe("deferred survey sends", () => {
      const messaging = (): MessagingModuleService => container().resolve(RETENTION_MESSAGING_MODULE)
      const messageOf = async (orderId: string) => {
        const rows = await messaging().listMessages({ idempotency_key: `nps:${orderId}` })
        expect(rows).toHaveLength(1)
        return rows[0]
      }

      it("quiet hours: the survey waits until they end and a later run sends it once", async () => {
        // A quiet window around the recipient's local time now (the order ships to Germany).
        const local = localMinutes(new Date(), timeZoneForCountry("de", "UTC"))
        const clock = (m: number) => `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, "0")}:${String(((m + 1440) % 1440) % 60).padStart(2, "0")}`
        await api.post(
          "/admin/retention/settings/consent",
          { quietHoursEnabled: true, quietHoursStart: clock(local - 60), quietHoursEnd: clock(local + 120) },
          { headers }
        )
        const email = "nps.quiet@example.com"
        const { order, survey } = await deliveredAndDue(email)
        const first = await tick()
        expect(first.outcomes).toContain("deferred")
        expect(await mailTo(email)).toHaveLength(0)
        const waiting = (await surveyOf(order.id))!
        const message = await messageOf(order.id)
        expect(waiting.status).toBe("scheduled")
        expect(message).toMatchObject({ status: "deferred", status_reason: "quiet_hours" })
        // Due again exactly when the quiet hours end, about two hours from now.
        expect(new Date(waiting.due_at).getTime()).toBe(new Date(message.deferred_until!).getTime())
        expect(new Date(waiting.due_at).getTime() - Date.now()).toBeGreaterThan(110 * 60_000)

        // A run before then leaves it alone.
        const early = await tick()
        expect(early.outcomes).not.toContain("sent")
        expect((await surveyOf(order.id))!.due_at).toEqual(waiting.due_at)

        // The quiet hours are over (the policy reads the wall clock, so lift them); the run at the due time sends it.
        await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers })
        const at = new Date(new Date(waiting.due_at).getTime() + 1000)
        await Promise.all([sendDueNpsSurveys(container(), at), sendDueNpsSurveys(container(), at)])
        await sendDueNpsSurveys(container(), new Date(at.getTime() + 3600_000))
        expect(await mailTo(email)).toHaveLength(1)
        const sent = (await surveyOf(order.id))!
        expect(sent.status).toBe("sent")
        expect(new Date(sent.sent_at!).getTime()).toBe(at.getTime())
        expect(await messageOf(order.id)).toMatchObject({ status: "sent" })
        expect(survey.id).toBe(sent.id)
      })

      it("frequency cap: the second survey of the day waits a day and a later run sends it once", async () => {
        await api.post("/admin/retention/settings/nps", { throttleDays: 0 }, { headers })
        await api.post("/admin/retention/settings/consent", { maxMarketingPerDay: 1 }, { headers })
        const email = "nps.capped@example.com"
        const one = await deliveredAndDue(email)
        const two = await deliveredAndDue(email)
        await tick()
        expect(await mailTo(email)).toHaveLength(1)
        const surveys = [(await surveyOf(one.order.id))!, (await surveyOf(two.order.id))!]
        const sent = surveys.find((s) => s.status === "sent")!
        const waiting = surveys.find((s) => s.status === "scheduled")!
        expect(sent).toBeDefined()
        expect(waiting).toBeDefined()
        const sentMessage = await messageOf(sent.order_id)
        const deferred = await messageOf(waiting.order_id)
        expect(deferred).toMatchObject({ status: "deferred", status_reason: "frequency_cap:day" })
        // Due again when the first send leaves the 24-hour window.
        expect(new Date(waiting.due_at).getTime()).toBe(new Date(deferred.deferred_until!).getTime())
        expect(Math.abs(new Date(waiting.due_at).getTime() - (new Date(sentMessage.sent_at!).getTime() + 86400_000))).toBeLessThan(1000)

        await tick()
        expect(await mailTo(email)).toHaveLength(1)

        // A day passes: the first send moves out of the cap's window (backdated), and the run at the due time sends the second.
        await messaging().updateMessages({ id: sentMessage.id, sent_at: new Date(Date.now() - 25 * 3600_000) })
        const at = new Date(new Date(waiting.due_at).getTime() + 1000)
        await Promise.all([sendDueNpsSurveys(container(), at), sendDueNpsSurveys(container(), at)])
        await sendDueNpsSurveys(container(), new Date(at.getTime() + 3600_000))
        expect(await mailTo(email)).toHaveLength(2)
        expect((await surveyOf(waiting.order_id))!.status).toBe("sent")
        expect(await messageOf(waiting.order_id)).toMatchObject({ status: "sent" })
      })
    })
  },
})
