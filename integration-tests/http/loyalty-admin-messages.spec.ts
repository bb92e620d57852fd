// What the admin's loyalty forms get back when they are refused: messages that say what is
// wrong in the merchant's terms (the balance a customer has, what a record key should be).
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndLogin } from "../helpers/admin"
import { TEST_PROGRAM } from "../helpers/loyalty"
import { settle } from "../helpers/outbox"

jest.setTimeout(300_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    let headers: { authorization: string }

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      expect((await api.post("/admin/retention/loyalty/settings", TEST_PROGRAM, { headers })).status).toBe(200)
    })

    it("refuses an adjustment that would overdraw with the balance the customer has, not the one it would leave", async () => {
      const [customer] = await container()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "overdraw@loyalty.test", has_account: true }])
      const url = `/admin/retention/loyalty/customers/${customer.id}/adjustments`
      expect((await api.post(url, { points: 75, note: "welcome gift" }, { headers })).status).toBe(201)

      const refused = await settle(api.post(url, { points: -500, note: "clawback" }, { headers }))
      expect(refused.status).toBe(400)
      expect(refused.data.message).toBe("points: not enough points (75 available, 0 on hold)")
      const view = await api.get(`/admin/retention/loyalty/customers/${customer.id}`, { headers })
      expect(view.data.loyalty.available).toBe(75)
    })

    it("names the field and says what a record key must be", async () => {
      // What a comma in "try=0,05" made of the rates before the admin read decimal commas.
      const badKey = await settle(
        api.post("/admin/retention/loyalty/settings", { ...TEST_PROGRAM, pointsPerCurrencyUnit: { usd: 1, try: 0, "05": 1 } }, { headers })
      )
      expect(badKey.status).toBe(400)
      expect(badKey.data.message).toBe('pointsPerCurrencyUnit: "05" must be a 3-letter currency code')

      const share = await settle(api.post("/admin/retention/loyalty/settings", { ...TEST_PROGRAM, maxRedeemShare: 5 }, { headers }))
      expect(share.status).toBe(400)
      expect(share.data.message).toBe("maxRedeemShare: must be at most 100%")
    })
  },
})
