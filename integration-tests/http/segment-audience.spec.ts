// RFM segments as a cart-recovery audience: a campaign limited to "at risk" takes the carts of
// customers in that segment (in the cart's currency) and no others, and stops emailing a cart
// whose customer left the segment at the next computation. Scores are stored directly as a run
// (the computation itself is checked in analytics-customers.spec.ts).
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { RETENTION_SEGMENTS_MODULE, type CustomerSegmentsModuleService, type Segment } from "../../src/modules/customer-segments"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

type ErrorResponse = { response: { status: number; data: { message?: string } } }

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { service: recovery, createEuroCart, tracked, makeDue, tick } = cartRecoveryHelpers(container)

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    it("limits a campaign to RFM segments of the cart's customer in the cart's currency", async () => {
      const { headers } = await createAdminAndLogin(container(), api)
      const customers = container().resolve(Modules.CUSTOMER)
      const [x, y] = await customers.createCustomers([
        { email: "x@segments.test", first_name: "X" },
        { email: "y@segments.test", first_name: "Y" },
      ])
      const segments: CustomerSegmentsModuleService = container().resolve(RETENTION_SEGMENTS_MODULE)
      const score = (customer_id: string, currency_code: string, segment: Segment) => ({
        customer_id, currency_code, segment, last_order_at: new Date(), orders: 2, revenue: 50, r: 2, f: 4, m: 4,
      })
      // X is at risk in EUR; Y is at risk only in USD and a champion in EUR.
      await segments.recordRun({
        computed_at: new Date(),
        trigger: "manual",
        scores: [score(x.id, "eur", "at_risk"), score(y.id, "usd", "at_risk"), score(y.id, "eur", "champions")],
      })

      const refused = await api
        .post(`/admin/retention/cart-recovery/campaigns`, { name: "VIP", steps: [{ delay_hours: 1, template: "cart-reminder" }], filters: { segments: ["vip"] } }, { headers })
        .catch((e: ErrorResponse) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/^filters\.segments\.0: must be one of new, champions/)

      const created = await api.post(
        `/admin/retention/cart-recovery/campaigns`,
        { name: "Win back", status: "active", steps: [{ delay_hours: 1, template: "cart-reminder" }], filters: { segments: ["at_risk"] } },
        { headers }
      )
      expect(created.data.campaign.filters.segments).toEqual(["at_risk"])
      // Only this campaign takes carts: the default one (which takes everyone) is paused.
      const [fallback] = await recovery().listRecoveryCampaigns({ is_default: true })
      await api.post(`/admin/retention/cart-recovery/campaigns/${fallback.id}/pause`, {}, { headers })

      const cartOf = async (customerId: string | undefined, email: string) => {
        const cart = await createEuroCart({ email, customer_id: customerId, items: [["ETH-YIRG-250", 1]] })
        return eventually(async () => (await recovery().listTrackedCarts({ cart_id: cart.id }))[0])
      }
      expect((await cartOf(x.id, "x@segments.test")).campaign_id).toBe(created.data.campaign.id)
      expect((await cartOf(y.id, "y@segments.test")).campaign_id).toBeNull()
      expect((await cartOf(undefined, "guest@segments.test")).campaign_id).toBeNull()

      // Next computation: X is a champion now. X's cart comes due and gets no email.
      await segments.recordRun({ computed_at: new Date(), trigger: "manual", scores: [score(x.id, "eur", "champions")] })
      const xCart = (await recovery().listTrackedCarts({ email: "x@segments.test" }))[0]
      await makeDue(xCart.cart_id, 2)
      const result = await tick()
      expect(result.outcomes).toEqual(["stopped:audience:segment"])
      const after = await tracked(xCart.cart_id)
      expect(after.last_sent_at).toBeNull()
      expect(after.next_action_at).toBeNull()
    })
  },
})
