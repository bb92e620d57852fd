// The Flows admin list and detail (#16) on a small known data set written straight into the flow,
// cart-recovery and message tables: every figure below is counted by hand from the rows this file
// writes. Also: admin auth on every flows route, and 400s that name the field.
import type { MedusaContainer } from "@medusajs/framework/types"
import { retentionTestRunner } from "../helpers/runner"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_FLOWS_MODULE } from "../../src/modules/flows"
import type { FlowsModuleService } from "../../src/modules/flows"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { createAdminAndLogin } from "../helpers/admin"
import { settle, useOutbox } from "../helpers/outbox"

jest.setTimeout(180_000)

useOutbox("flows-admin")

const DAY = 24 * 3600_000

type Stats = { active: number; sends: number; opens: number; clicks: number; conversions: number; revenue: Record<string, number> }
type ListedFlow = { id: string; kind: string; name: string; status: string; stats: Stats }

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const flows = (): FlowsModuleService => container().resolve(RETENTION_FLOWS_MODULE)
    const carts = (): CartRecoveryModuleService => container().resolve(RETENTION_CART_RECOVERY_MODULE)
    const messaging = (): MessagingModuleService => container().resolve(RETENTION_MESSAGING_MODULE)

    let headers: { authorization: string }
    let welcomeId = ""
    let campaignId = ""

    beforeAll(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      await flows().ensureDefaultFlows()
      const [welcome] = await flows().listRetentionFlows({ kind: "welcome", is_default: true })
      welcomeId = welcome.id
      const later = new Date(Date.now() + 30 * DAY)
      const sentAt = new Date(Date.now() - 3 * DAY)

      // Welcome: A and B still active (due in a month, so no tick touches them), C completed.
      const [a, b, c] = await flows().createFlowEntries(
        ["a", "b", "c"].map((n) => ({
          flow_id: welcomeId,
          customer_id: `cus_fa_${n}`,
          email: `${n}@flows-admin.test`,
          trigger_key: "signup",
          anchor_at: sentAt,
          state: n === "c" ? ("completed" as const) : ("active" as const),
          next_action_at: n === "c" ? null : later,
        }))
      )
      const key = (entry: { customer_id: string }, step: number) => `flow:${welcomeId}:${entry.customer_id}:${step}`
      const send = (entry: typeof a, step: number, extra: Record<string, unknown> = {}) => ({
        idempotency_key: key(entry, step),
        flow_id: welcomeId,
        entry_id: entry.id,
        customer_id: entry.customer_id,
        email: entry.email,
        step,
        status: "sent" as const,
        sent_at: sentAt,
        ...extra,
      })
      await flows().createFlowSends([
        // Step 1 to A: opened.
        send(a, 1),
        // Step 2 to A: clicked (a click counts as an open too), credited with a USD order of 25.50.
        send(a, 2, { order_id: "order_fa_1", order_total: 25.5, order_currency_code: "usd", ordered_at: sentAt }),
        // Step 1 to B: never opened, credited with a EUR order of 40.
        send(b, 1, { order_id: "order_fa_2", order_total: 40, order_currency_code: "eur", ordered_at: sentAt }),
        // Step 1 to C: skipped, so not a send.
        send(c, 1, { status: "skipped", status_reason: "out_of_stock", sent_at: null }),
      ])
      const message = (k: string, email: string, opened: boolean, clicked: boolean) => ({
        idempotency_key: k,
        topic: "lifecycle" as const,
        category: "marketing" as const,
        template: "flow-welcome-1",
        locale: "en",
        to_email: email,
        status: clicked ? ("clicked" as const) : opened ? ("opened" as const) : ("delivered" as const),
        sent_at: sentAt,
        opened_at: opened ? sentAt : null,
        clicked_at: clicked ? sentAt : null,
      })
      await messaging().createMessages([
        message(key(a, 1), a.email, true, false),
        message(key(a, 2), a.email, false, true),
        message(key(b, 1), b.email, false, false),
      ])

      // Cart recovery, default campaign: one cart still in its sequence (emailed), one recovered
      // by step 1 with a EUR order of 30, one expired.
      await carts().ensureDefaultCampaign()
      const [campaign] = await carts().listRecoveryCampaigns({ is_default: true })
      campaignId = campaign.id
      const cart = (n: string, status: "emailed" | "recovered" | "expired", extra: Record<string, unknown> = {}) => ({
        cart_id: `cart_fa_${n}`,
        email: `${n}@flows-admin.test`,
        currency_code: "eur",
        value: 30,
        last_activity_at: sentAt,
        status,
        campaign_id: campaignId,
        next_action_at: status === "emailed" ? later : null,
        ...extra,
      })
      await carts().createTrackedCarts([
        cart("x", "emailed"),
        cart("y", "recovered", { order_id: "order_fa_3", order_total: 30, ordered_at: sentAt, recovered_step: 1, recovered_variant: 0 }),
        cart("z", "expired"),
      ])
      const cartSend = (n: string, clicked: boolean) => ({
        idempotency_key: `cart-recovery:cart_fa_${n}:1`,
        cart_id: `cart_fa_${n}`,
        campaign_id: campaignId,
        email: `${n}@flows-admin.test`,
        step: 1,
        variant: 0,
        status: "sent" as const,
        sent_at: sentAt,
        clicked_at: clicked ? sentAt : null,
        click_count: clicked ? 1 : 0,
      })
      await carts().createRecoverySends([cartSend("x", false), cartSend("y", true), cartSend("z", false)])
    })

    it("lists the four flows and the cart-recovery campaign with figures counted from the tables", async () => {
      const { data } = await api.get("/admin/retention/flows", { headers })
      const listed = data.flows as ListedFlow[]
      expect(listed.map((f) => f.kind).sort()).toEqual(["birthday", "post_purchase", "welcome", "win_back"])

      const welcome = listed.find((f) => f.id === welcomeId)!
      // Sends: A1, A2, B1 (C1 was skipped). Opens: A1 opened, A2 clicked. Clicks: A2.
      expect(welcome.stats).toMatchObject({ active: 2, sends: 3, opens: 2, clicks: 1, conversions: 2, revenue: { usd: 25.5, eur: 40 } })
      const birthday = listed.find((f) => f.kind === "birthday")!
      expect(birthday.stats).toMatchObject({ active: 0, sends: 0, opens: 0, clicks: 0, conversions: 0, revenue: {} })

      const recovery = data.cart_recovery as ListedFlow[]
      expect(recovery).toHaveLength(1)
      // In the sequence: x (emailed). Sends x, y, z; the clicked y counts as opened.
      expect(recovery[0]).toMatchObject({
        id: campaignId,
        kind: "cart_recovery",
        stats: { active: 1, sends: 3, opens: 1, clicks: 1, conversions: 1, revenue: { eur: 30 } },
      })
    })

    it("shows one flow's figures per step", async () => {
      const { data } = await api.get(`/admin/retention/flows/${welcomeId}`, { headers })
      const byStep = data.flow.stats.by_step as { step: number; sends: number; opens: number; clicks: number; revenue: Record<string, number> }[]
      expect(byStep.map(({ step, sends, opens, clicks, revenue }) => ({ step, sends, opens, clicks, revenue }))).toEqual([
        { step: 1, sends: 2, opens: 1, clicks: 0, revenue: { eur: 40 } },
        { step: 2, sends: 1, opens: 1, clicks: 1, revenue: { usd: 25.5 } },
      ])
    })

    it("saves delays and holdout, and answers 400 naming the field for bad values", async () => {
      const { data } = await api.get(`/admin/retention/flows/${welcomeId}`, { headers })
      const steps = (data.flow.steps as { delay_hours: number }[]).map((s, i) => ({ ...s, delay_hours: [2, 48, 96][i] }))
      const saved = await api.post(`/admin/retention/flows/${welcomeId}`, { steps, holdout_percent: 10 }, { headers })
      expect(saved.data.flow.steps.map((s: { delay_hours: number }) => s.delay_hours)).toEqual([2, 48, 96])
      expect(saved.data.flow.holdout_percent).toBe(10)

      const tooMuch = await settle(api.post(`/admin/retention/flows/${welcomeId}`, { holdout_percent: 80 }, { headers }))
      expect(tooMuch.status).toBe(400)
      expect(tooMuch.data.message).toContain("holdout_percent")
      const backwards = steps.map((s, i) => ({ ...s, delay_hours: [5, 3, 96][i] }))
      const bad = await settle(api.post(`/admin/retention/flows/${welcomeId}`, { steps: backwards }, { headers }))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("steps")
      const negative = steps.map((s, i) => ({ ...s, delay_hours: i === 0 ? -1 : s.delay_hours }))
      const neg = await settle(api.post(`/admin/retention/flows/${welcomeId}`, { steps: negative }, { headers }))
      expect(neg.status).toBe(400)
      expect(neg.data.message).toContain("steps.0.delay_hours")
    })

    it("keeps every flows route behind admin auth", async () => {
      expect((await settle(api.get("/admin/retention/flows"))).status).toBe(401)
      expect((await settle(api.get(`/admin/retention/flows/${welcomeId}`))).status).toBe(401)
      expect((await settle(api.post(`/admin/retention/flows/${welcomeId}`, { status: "paused" }))).status).toBe(401)
    })
  },
})
