// Lifecycle flows through the real app: customer.created → welcome entry → the scheduler's tick
// sends its steps (once, also with two ticks at once) → an order ends it and is credited to the
// last flow email; order.placed → post-purchase entry anchored at the (assumed) delivery, moved by
// delivery.created, skipped for renewal orders; the daily job → birthday (with the bonus paid
// that year) and win-back (own rhythm, never to subscribers); holdout. Time moves by writing
// next_action_at or passing `now`, never by sleeping.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  createCustomersWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import { Migration20261206070000 } from "../../src/modules/messaging/migrations/Migration20261206070000"
import request from "supertest"
import { seedDemoStore } from "../../scripts/demo/seed"
import { runDueFlowSteps } from "../../src/jobs/run-due-flow-steps"
import { startDailyFlows } from "../../src/jobs/start-daily-flows"
import { isFlowHoldout, RETENTION_FLOWS_MODULE } from "../../src/modules/flows"
import type { FlowsModuleService } from "../../src/modules/flows"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { calendarDate } from "../../src/modules/loyalty/program"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import startWelcomeFlowOnSignup from "../../src/subscribers/flow-customer-created"
import handleOrderForFlows from "../../src/subscribers/flow-order-placed"
import { processDueFlowEntryWorkflow } from "../../src/workflows/flows/process-due-flow-entry"
import { startWelcomeFlowWorkflow } from "../../src/workflows/flows/start-welcome-flow"
import { startWinBackFlowsWorkflow } from "../../src/workflows/flows/start-win-back-flows"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"
import { createShopper } from "../helpers/customers"
import { settle, useOutbox } from "../helpers/outbox"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("flows")

const HOUR = 3600_000
const DAY = 24 * HOUR

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { createEuroCart, completeCart } = cartRecoveryHelpers(container)
    const flows = (): FlowsModuleService => container().resolve(RETENTION_FLOWS_MODULE)
    const messaging = (): MessagingModuleService => container().resolve(RETENTION_MESSAGING_MODULE)
    const pg = () => container().resolve<{ raw: (sql: string, b?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }>(ContainerRegistrationKeys.PG_CONNECTION)

    const flowOf = async (kind: "welcome" | "post_purchase" | "birthday" | "win_back") => {
      await flows().ensureDefaultFlows()
      const [flow] = await flows().listRetentionFlows({ kind, is_default: true })
      return flow
    }
    const entriesOf = (flowId: string, customerId: string) => flows().listFlowEntries({ flow_id: flowId, customer_id: customerId })
    const makeDue = (entryId: string) => flows().updateFlowEntries({ id: entryId, next_action_at: new Date(Date.now() - 1000) })
    const event = <T>(data: T) => ({ event: { name: "x", data }, container: container() }) as never

    /** One tick that runs: the app's own scheduler may hold the lease for a moment. */
    const tick = async (now?: Date) => {
      const deadline = Date.now() + 60_000
      for (;;) {
        const result = await runDueFlowSteps(container(), now)
        if (!("skipped" in result)) return result
        if (Date.now() > deadline) throw new Error("the flow lease stayed taken for a minute")
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    const templatesTo = async (email: string) => (await mailTo(email)).map((m) => m.template).sort()

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    let headers: { authorization: string }
    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      // Quiet hours and the shared daily cap depend on the clock; these tests are about the flows.
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 }, { headers })
    })

    it("welcomes a new account once, sends each step once even with two ticks at once, and ends on an order credited to the last email", async () => {
      const email = "wanda@flows.test"
      const { customer } = await createShopper(container(), api, email, { first_name: "Wanda" })
      const welcome = await flowOf("welcome")
      const entry = await eventually(async () => (await entriesOf(welcome.id, customer.id))[0])
      expect(entry).toMatchObject({ state: "active", step: 0, trigger_key: "signup", email })
      // Due an hour after sign-up, not before.
      expect(new Date(entry.next_action_at!).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000)

      // The same customer.created again, through the subscriber and the workflow: still one entry.
      await startWelcomeFlowOnSignup(event({ id: customer.id }))
      await startWelcomeFlowWorkflow(container()).run({ input: { customer_id: customer.id } })
      expect(await entriesOf(welcome.id, customer.id)).toHaveLength(1)

      await tick()
      expect(await templatesTo(email)).toEqual([])
      await makeDue(entry.id)
      await tick()
      expect(await templatesTo(email)).toEqual(["flow-welcome-1"])
      const [afterFirst] = await entriesOf(welcome.id, customer.id)
      expect(afterFirst).toMatchObject({ state: "active", step: 1 })

      // Step 2 due: two ticks and two direct runs at the same moment send it once.
      await makeDue(entry.id)
      await Promise.all([
        runDueFlowSteps(container()),
        runDueFlowSteps(container()),
        processDueFlowEntryWorkflow(container()).run({ input: { entry_id: entry.id, now: new Date() } }),
        processDueFlowEntryWorkflow(container()).run({ input: { entry_id: entry.id, now: new Date() } }),
      ])
      await tick()
      expect(await templatesTo(email)).toEqual(["flow-welcome-1", "flow-welcome-2"])
      const sends = await flows().listFlowSends({ entry_id: entry.id, status: "sent" })
      expect(sends.map((s) => s.step).sort()).toEqual([1, 2])
      expect(sends.map((s) => s.idempotency_key).sort()).toEqual([`flow:${welcome.id}:${customer.id}:1`, `flow:${welcome.id}:${customer.id}:2`])

      // The customer orders: the welcome series ends (no step 3) and the order is credited to step 2.
      const order = await completeCart((await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })).id)
      await eventually(async () => (await entriesOf(welcome.id, customer.id))[0]?.state === "exited")
      expect((await entriesOf(welcome.id, customer.id))[0]).toMatchObject({ exit_reason: "ordered", next_action_at: null, converted_order_id: order.id })
      const credited = await eventually(async () => (await flows().listFlowSends({ order_id: order.id }))[0])
      expect(credited).toMatchObject({ step: 2, entry_id: entry.id, order_currency_code: "eur" })
      expect(Number(credited.order_total)).toBeGreaterThan(0)
      // order.placed again changes nothing.
      await handleOrderForFlows(event({ id: order.id }))
      expect(await flows().listFlowSends({ order_id: order.id })).toHaveLength(1)

      const [stats] = await flows().flowStats([welcome.id])
      expect(stats.sends).toBeGreaterThanOrEqual(2)
      expect(stats.conversions).toBeGreaterThanOrEqual(1)
      expect(stats.revenue.eur).toBeGreaterThan(0)
    })

    it("a welcome email's unsubscribe link stops lifecycle emails only: the page names them, cart recovery consent stays, the next welcome step is not sent", async () => {
      const email = "ulla@flows.test"
      const messaging: MessagingModuleService = container().resolve(RETENTION_MESSAGING_MODULE)
      const { customer } = await createShopper(container(), api, email, { first_name: "Ulla" })
      await messaging.setConsent({ email, topic: "cart_recovery", status: "granted", source: "test" })
      const welcome = await flowOf("welcome")
      const entry = await eventually(async () => (await entriesOf(welcome.id, customer.id))[0])
      await makeDue(entry.id)
      await tick()
      const [first] = await mailTo(email)
      expect(first.template).toBe("flow-welcome-1")
      const [message] = await messaging.listMessages({ to_email: email, template: "flow-welcome-1" })
      expect(message.topic).toBe("lifecycle")

      // The link as the email carries it (Handlebars writes "=" in an attribute as "&#x3D;").
      const hrefs = [...first.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&#x3D;/g, "=").replace(/&amp;/g, "&"))
      const link = hrefs.find((h) => /\/retention\/unsubscribe\?token=/.test(h))
      expect(link).toBeTruthy()
      const path = `${new URL(link!).pathname}${new URL(link!).search}`

      // GET shows the page (naming the lifecycle emails, not cart reminders) and changes nothing.
      const pageRes = await api.get(path)
      expect(pageRes.status).toBe(200)
      expect(pageRes.data).toContain("Stop welcome, thank-you and we-miss-you emails to u***@flows.test?")
      expect(pageRes.data).not.toContain("items left in your cart")
      expect(await messaging.listConsents({ email, topic: "lifecycle" })).toHaveLength(0)

      // The mailbox's one-click POST revokes "lifecycle" only.
      const done = await request(api.defaults.baseURL).post(path).type("form").send("List-Unsubscribe=One-Click")
      expect(done.status).toBe(200)
      expect(done.text).toContain("You will no longer receive welcome, thank-you and we-miss-you emails.")
      const consents = await messaging.listConsents({ email })
      expect(consents.map((c) => [c.topic, c.status, c.source]).sort()).toEqual([
        ["cart_recovery", "granted", "test"],
        ["lifecycle", "revoked", "one_click"],
      ])
      expect((await messaging.listConsentLogs({ email, topic: "lifecycle" })).map((l) => l.reference)).toEqual([message.id])

      // Step 2 comes due: nothing more goes out and the welcome series ends.
      await makeDue(entry.id)
      await tick()
      expect(await templatesTo(email)).toEqual(["flow-welcome-1"])
      expect((await entriesOf(welcome.id, customer.id))[0]).toMatchObject({ state: "exited", exit_reason: "opted_out:unsubscribed:lifecycle" })
      expect(await flows().listFlowSends({ entry_id: entry.id, step: 2 })).toMatchObject([{ status: "skipped", status_reason: "unsubscribed:lifecycle" }])

      // A welcome email sent before the topic existed has "cart_recovery" in its link: that link
      // names and stops the lifecycle emails too, and cart recovery stays granted.
      const old = new URL(messaging.unsubscribeUrl({ m: message.id, e: email, t: "cart_recovery", l: "en" }))
      const oldPath = `${old.pathname}${old.search}`
      expect((await api.get(oldPath)).data).toContain("Stop welcome, thank-you and we-miss-you emails to u***@flows.test?")
      const oldDone = await request(api.defaults.baseURL).post(oldPath).type("form").send("scope=topic")
      expect(oldDone.status).toBe(200)
      expect(oldDone.text).toContain("You will no longer receive welcome, thank-you and we-miss-you emails.")
      expect((await messaging.listConsents({ email, topic: "cart_recovery" }))[0]).toMatchObject({ status: "granted" })
    })

    it("on upgrade moves flow emails already sent under cart_recovery to lifecycle, so a late spam report judges lifecycle mail, not cart recovery", async () => {
      const sentAt = new Date(Date.now() - 10 * DAY)
      const row = (key: string, template: string) => ({
        idempotency_key: `upgrade-${key}`,
        topic: "cart_recovery" as const,
        category: "marketing" as const,
        template,
        locale: "en",
        to_email: `${key}@upgrade.flows.test`,
        status: "delivered" as const,
        sent_at: sentAt,
      })
      const [welcome, winBack, cart] = await messaging().createMessages([
        row("welcome", "flow-welcome-1"),
        row("winback", "flow-win-back-2"),
        row("cart", "cart-reminder"),
      ])
      // The migration's statements, as `medusa db:migrate` runs them on a store upgrading.
      const migration = new Migration20261206070000({} as never, {} as never)
      await migration.up()
      for (const sql of migration.getQueries()) await pg().raw(String(sql))
      // Run again (a second migrate): nothing changes.
      for (const sql of migration.getQueries()) await pg().raw(String(sql))
      const topics = await messaging().listMessages({ id: [welcome.id, winBack.id, cart.id] }, { select: ["template", "topic"] })
      expect(topics.map((m) => [m.template, m.topic]).sort()).toEqual([
        ["cart-reminder", "cart_recovery"],
        ["flow-welcome-1", "lifecycle"],
        ["flow-win-back-2", "lifecycle"],
      ])
    })

    it("welcomes a guest record only when its address gave marketing consent", async () => {
      const welcome = await flowOf("welcome")
      const { result } = await createCustomersWorkflow(container()).run({
        input: {
          customersData: [
            { email: "guest-no@flows.test" },
            { email: "guest-yes@flows.test" },
            { email: "guest-cart@flows.test" },
            { email: "guest-lifecycle@flows.test" },
          ],
        },
      })
      const [noConsent, withConsent, cartOnly, lifecycleOnly] = result
      const messaging: MessagingModuleService = container().resolve(RETENTION_MESSAGING_MODULE)
      await messaging.setConsent({ email: "guest-yes@flows.test", topic: "all", status: "granted", source: "import" })
      // The welcome emails' own topic is "lifecycle": a grant for cart reminders is not one for them.
      await messaging.setConsent({ email: "guest-cart@flows.test", topic: "cart_recovery", status: "granted", source: "import" })
      await messaging.setConsent({ email: "guest-lifecycle@flows.test", topic: "lifecycle", status: "granted", source: "import" })
      for (const guest of result) await startWelcomeFlowWorkflow(container()).run({ input: { customer_id: guest.id } })
      expect(await entriesOf(welcome.id, noConsent.id)).toHaveLength(0)
      expect(await entriesOf(welcome.id, withConsent.id)).toHaveLength(1)
      expect(await entriesOf(welcome.id, cartOnly.id)).toHaveLength(0)
      expect(await entriesOf(welcome.id, lifecycleOnly.id)).toHaveLength(1)
    })

    it("thanks after delivery (assumed until Medusa reports one), once per order, and skips subscription renewals", async () => {
      const email = "petra@flows.test"
      const { customer } = await createShopper(container(), api, email)
      const post = await flowOf("post_purchase")
      const order = await completeCart((await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })).id)
      const entry = await eventually(async () => (await entriesOf(post.id, customer.id))[0])
      expect(entry).toMatchObject({ trigger_key: order.id, state: "active", step: 0 })
      const { data: [placed] } = await container().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["created_at"], filters: { id: order.id } })
      const placedAt = new Date(placed.created_at as string | Date).getTime()
      // No delivery yet: delivery assumed 5 days after the order, the thank-you 72 h later.
      expect(new Date(entry.next_action_at!).getTime()).toBe(placedAt + 5 * DAY + 72 * HOUR)
      await handleOrderForFlows(event({ id: order.id }))
      expect(await entriesOf(post.id, customer.id)).toHaveLength(1)

      // Delivery reported: the thank-you moves to 72 h after it.
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [full] } = await query.graph({
        entity: "order",
        fields: ["id", "items.id", "items.detail.quantity", "payment_collections.payments.id"],
        filters: { id: order.id },
      })
      for (const collection of full.payment_collections ?? []) {
        for (const payment of collection?.payments ?? []) {
          if (payment) await capturePaymentWorkflow(container()).run({ input: { payment_id: payment.id } })
        }
      }
      const items = ((full.items ?? []) as ({ id: string; detail?: { quantity?: unknown } } | null)[]).flatMap((i) =>
        i ? [{ id: i.id, quantity: Number(i.detail?.quantity) }] : []
      )
      const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id"] })
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container()).run({ input: { order_id: order.id, items, location_id: locations[0].id } })
      await createOrderShipmentWorkflow(container()).run({ input: { order_id: order.id, fulfillment_id: fulfillment.id, items } })
      await markOrderFulfillmentAsDeliveredWorkflow(container()).run({ input: { orderId: order.id, fulfillmentId: fulfillment.id } })
      const moved = await eventually(async () => {
        const [row] = await entriesOf(post.id, customer.id)
        return new Date(row.next_action_at!).getTime() < placedAt + 5 * DAY ? row : null
      })
      expect(new Date(moved.next_action_at!).getTime()).toBe(new Date(moved.anchor_at).getTime() + 72 * HOUR)

      await makeDue(entry.id)
      await tick()
      expect(await templatesTo(email)).toContain("flow-post-purchase")
      expect((await entriesOf(post.id, customer.id))[0]).toMatchObject({ state: "completed", step: 1 })

      // A renewal order of a subscription (its cart carries retention_renewal) starts no thank-you.
      const cart = await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })
      const cartModule = container().resolve("cart") as { updateCarts: (id: string, data: Record<string, unknown>) => Promise<unknown> }
      await cartModule.updateCarts(cart.id, { metadata: { retention_renewal: { subscription_id: "rsub_x", run_id: "rrun_x", period: "2026-01-01" } } })
      const renewal = await completeCart(cart.id)
      await handleOrderForFlows(event({ id: renewal.id }))
      expect((await entriesOf(post.id, customer.id)).map((e) => e.trigger_key)).toEqual([order.id])
    })

    it("sends the birthday email once a year, showing the bonus the loyalty program paid", async () => {
      const email = "bea@flows.test"
      const now = new Date()
      const today = calendarDate(now, "UTC")
      const birthday = `1990-${String(today.month).padStart(2, "0")}-${String(today.day).padStart(2, "0")}`
      const { customer } = await createShopper(container(), api, email, { metadata: { birthday } })
      // Accounts younger than 30 days get no greeting (a customer can set their own birthday).
      await startDailyFlows(container(), now)
      const birthdayFlow = await flowOf("birthday")
      expect(await entriesOf(birthdayFlow.id, customer.id)).toHaveLength(0)
      await pg().raw(`update customer set created_at = now() - interval '400 days' where id = ?`, [customer.id])

      const loyalty: LoyaltyModuleService = container().resolve(RETENTION_LOYALTY_MODULE)
      await loyalty.recordEntries(customer.id, [
        { type: "bonus", points: 200, status: "available", reference: "birthday", reference_id: `${customer.id}:${today.year}`, note: "birthday bonus" },
      ] as Parameters<LoyaltyModuleService["recordEntries"]>[1])

      await startDailyFlows(container(), now)
      await startDailyFlows(container(), now)
      const entries = await entriesOf(birthdayFlow.id, customer.id)
      expect(entries.map((e) => e.trigger_key)).toEqual([String(today.year)])
      await makeDue(entries[0].id)
      await tick()
      const mails = (await mailTo(email)).filter((m) => m.template === "flow-birthday")
      expect(mails).toHaveLength(1)
      expect(mails[0].html).toContain("200")
      const [message] = await (container().resolve(RETENTION_MESSAGING_MODULE) as MessagingModuleService).listMessages({
        idempotency_key: `flow:${birthdayFlow.id}:${customer.id}~${today.year}:1`,
      })
      expect(message.data).toMatchObject({ bonusPoints: 200 })
    })

    it("wins back a customer past their own rhythm, never an active subscriber, and stops when they order", async () => {
      const winBack = await flowOf("win_back")
      // Off by default; on for this test, with a lapse of at least 30 days past the rhythm.
      await flows().updateFlow(winBack.id, { status: "active" })
      const lapsed = await createShopper(container(), api, "lapsed@flows.test")
      const subscriber = await createShopper(container(), api, "subscriber@flows.test")
      const recent = await createShopper(container(), api, "recent@flows.test")
      const orderAt = async (customerId: string, daysAgo: number) => {
        const order = await completeCart((await createEuroCart({ customer_id: customerId, items: [["ETH-YIRG-250", 1]] })).id)
        await pg().raw(`update "order" set created_at = now() - make_interval(days => ?) where id = ?`, [daysAgo, order.id])
        return order
      }
      // Own rhythm: every 10 days, last order 60 days ago → lapsed (10 × 1.5 < 30, the minimum, < 60).
      await orderAt(lapsed.customer.id, 80)
      await orderAt(lapsed.customer.id, 70)
      const last = await orderAt(lapsed.customer.id, 60)
      await orderAt(subscriber.customer.id, 200)
      await orderAt(recent.customer.id, 5)
      const replenishment = container().resolve(RETENTION_REPLENISHMENT_MODULE) as { createSubscriptions: (data: Record<string, unknown>) => Promise<unknown> }
      await replenishment.createSubscriptions({
        customer_id: subscriber.customer.id,
        email: "subscriber@flows.test",
        items: [],
        interval: "4w",
        period_at: new Date(),
        next_run_at: new Date(Date.now() + 10 * DAY),
        status: "active",
        region_id: "reg_x",
        currency_code: "eur",
        shipping_address: {},
        payment_provider_id: "pp_system_default",
      })

      const { result: found } = await startWinBackFlowsWorkflow(container()).run({ input: {} })
      expect(found.started).toBeGreaterThanOrEqual(1)
      await startDailyFlows(container())
      const entries = await entriesOf(winBack.id, lapsed.customer.id)
      expect(entries.map((e) => e.trigger_key)).toEqual([last.id])
      expect(await entriesOf(winBack.id, subscriber.customer.id)).toHaveLength(0)
      expect(await entriesOf(winBack.id, recent.customer.id)).toHaveLength(0)

      await makeDue(entries[0].id)
      await tick()
      // (The back-dated orders also got their thank-yous and points emails: only the win-back counts here.)
      expect((await templatesTo("lapsed@flows.test")).filter((t) => t.startsWith("flow-win-back"))).toEqual(["flow-win-back-1"])

      // They come back: the entry ends before step 2 and the order is credited to step 1.
      const back = await completeCart((await createEuroCart({ customer_id: lapsed.customer.id, items: [["ETH-YIRG-250", 1]] })).id)
      await eventually(async () => (await entriesOf(winBack.id, lapsed.customer.id))[0]?.state === "exited")
      expect((await flows().listFlowSends({ order_id: back.id }))[0]).toMatchObject({ step: 1 })
      await flows().updateFlow(winBack.id, { status: "paused" })
    })

    it("gives the win-back's second email a single-use code in a Medusa campaign named after the flow", async () => {
      const winBack = await flowOf("win_back")
      await flows().updateFlow(winBack.id, { status: "active" })
      const { customer } = await createShopper(container(), api, "coded@flows.test")
      for (const daysAgo of [80, 70, 60]) {
        const order = await completeCart((await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })).id)
        await pg().raw(`update "order" set created_at = now() - make_interval(days => ?) where id = ?`, [daysAgo, order.id])
      }
      await startWinBackFlowsWorkflow(container()).run({ input: {} })
      const [entry] = await entriesOf(winBack.id, customer.id)
      expect(entry).toBeTruthy()
      await makeDue(entry.id)
      await tick()
      await makeDue(entry.id)
      await tick()
      expect((await templatesTo("coded@flows.test")).filter((t) => t.startsWith("flow-win-back"))).toEqual(["flow-win-back-1", "flow-win-back-2"])
      const [second] = await flows().listFlowSends({ entry_id: entry.id, step: 2 })
      expect(second.promotion_code).toBeTruthy()
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data: promos } = await query.graph({
        entity: "promotion",
        fields: ["code", "limit", "campaign.name", "campaign.campaign_identifier"],
        filters: { code: second.promotion_code! },
      })
      expect(promos).toHaveLength(1)
      expect(promos[0]).toMatchObject({ limit: 1, campaign: { name: `${winBack.name} (EUR)` } })
      await flows().updateFlow(winBack.id, { status: "paused" })
    })

    it("lists the flows with their figures, shows one, pauses and activates it, and refuses bad input by field", async () => {
      const list = await api.get("/admin/retention/flows", { headers })
      expect(list.status).toBe(200)
      const kinds = (list.data.flows as { kind: string }[]).map((f) => f.kind)
      expect(kinds).toEqual(expect.arrayContaining(["welcome", "post_purchase", "birthday", "win_back"]))
      const welcome = (list.data.flows as { id: string; kind: string; is_default: boolean; stats: Record<string, unknown> }[]).find(
        (f) => f.kind === "welcome" && f.is_default
      )!
      expect(welcome.stats).toMatchObject({ flow_id: welcome.id, sends: expect.any(Number), opens: expect.any(Number), revenue: expect.any(Object) })

      const one = await api.get(`/admin/retention/flows/${welcome.id}`, { headers })
      expect(one.data.flow.steps.map((s: { template: string }) => s.template)).toEqual(["flow-welcome-1", "flow-welcome-2", "flow-welcome-3"])
      const paused = await api.post(`/admin/retention/flows/${welcome.id}`, { status: "paused" }, { headers })
      expect(paused.data.flow.status).toBe("paused")
      // A paused welcome series starts nobody.
      const { customer } = await createShopper(container(), api, "paused@flows.test")
      await startWelcomeFlowWorkflow(container()).run({ input: { customer_id: customer.id } })
      expect(await entriesOf(welcome.id, customer.id)).toHaveLength(0)
      expect((await api.post(`/admin/retention/flows/${welcome.id}`, { status: "active" }, { headers })).data.flow.status).toBe("active")

      const bad = await settle(api.post(`/admin/retention/flows/${welcome.id}`, { status: "sleeping" }, { headers }))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("status")
      const badStep = await settle(api.post(`/admin/retention/flows/${welcome.id}`, { steps: [{ delay_hours: 1, template: "no-such" }] }, { headers }))
      expect(badStep.status).toBe(400)
      expect(badStep.data.message).toContain("steps.0.template")
      expect((await settle(api.get("/admin/retention/flows/rflow_missing", { headers }))).status).toBe(404)
      expect((await settle(api.get("/admin/retention/flows"))).status).toBe(401)
    })

    it("keeps the holdout group, chosen deterministically, out of every email", async () => {
      const welcome = await flowOf("welcome")
      await flows().updateFlow(welcome.id, { holdout_percent: 50 })
      try {
        const shoppers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => createShopper(container(), api, `held${i}@flows.test`)))
        const entries = await Promise.all(shoppers.map(({ customer }) => eventually(async () => (await entriesOf(welcome.id, customer.id))[0])))
        for (const [i, e] of entries.entries()) {
          const held = isFlowHoldout(welcome.id, shoppers[i].customer.id, "signup", 50)
          expect(e.state).toBe(held ? "held_out" : "active")
          expect(e.holdout).toBe(held)
          if (!held) await makeDue(e.id)
        }
        await tick()
        for (const [i, e] of entries.entries()) {
          expect(await templatesTo(`held${i + 1}@flows.test`)).toEqual(e.holdout ? [] : ["flow-welcome-1"])
        }
      } finally {
        await flows().updateFlow(welcome.id, { holdout_percent: 0 })
      }
    })
  },
})
