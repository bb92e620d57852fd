import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { parseSteps, RETENTION_CART_RECOVERY_MODULE } from ".."
import { RecoveryCampaign } from "../models/recovery-campaign"
import { RecoverySend } from "../models/recovery-send"
import { TrackedCart } from "../models/tracked-cart"
import CartRecoveryModuleService from "../service"

jest.setTimeout(60_000)

const HOUR = 3600_000

moduleIntegrationTestRunner<CartRecoveryModuleService>({
  moduleName: RETENTION_CART_RECOVERY_MODULE,
  moduleModels: [RecoveryCampaign, TrackedCart, RecoverySend],
  resolve: "./src/modules/cart-recovery",
  moduleOptions: { tokenSecret: "module-test-secret-0123456789abcdef", publicUrl: "http://shop.test" },
  testSuite: ({ service }) => {
    const now = new Date("2026-05-01T12:00:00.000Z")
    const track = (i: number, campaignId: string, nextActionAt: Date | null, status = "active") =>
      service.createTrackedCarts({
        cart_id: `cart_${i}`,
        email: `p${i}@example.com`,
        currency_code: "eur",
        value: 10,
        last_activity_at: new Date(now.getTime() - 2 * HOUR),
        status: status as "active",
        next_action_at: nextActionAt,
        campaign_id: campaignId,
      })

    it("creates the default campaign once, also when asked concurrently", async () => {
      await Promise.all([service.ensureDefaultCampaign(), service.ensureDefaultCampaign(), service.ensureDefaultCampaign()])
      const campaigns = await service.listRecoveryCampaigns({})
      expect(campaigns).toHaveLength(1)
      expect(campaigns[0]).toMatchObject({ is_default: true, status: "active", attribution_window_days: 7, cap_per_address: 1 })
      expect(parseSteps(campaigns[0].steps)).toHaveLength(3)
    })

    it("keeps one tracking row per cart", async () => {
      const [campaign] = [await service.createRecoveryCampaigns({ name: "c", steps: {} })]
      await track(1, campaign.id, null)
      await expect(track(1, campaign.id, null)).rejects.toThrow()
    })

    it("reads only due carts of active campaigns, and two concurrent claims never share a cart", async () => {
      const active = await service.createRecoveryCampaigns({ name: "a", status: "active", steps: {} })
      const paused = await service.createRecoveryCampaigns({ name: "p", status: "paused", steps: {} })
      const due = new Date(now.getTime() - 60_000)
      for (let i = 0; i < 30; i++) await track(i, active.id, due)
      await track(100, active.id, new Date(now.getTime() + HOUR))
      await track(101, paused.id, due)
      await track(102, active.id, due, "recovered")
      await track(103, active.id, null)

      const ids = await service.listDueCartIds({ now, limit: 100 })
      expect(ids).toHaveLength(30)

      // Two schedulers claiming at the same moment never share a cart.
      const [a, b] = await Promise.all([
        service.claimDueCarts({ now, limit: 20, leaseSeconds: 600 }),
        service.claimDueCarts({ now, limit: 20, leaseSeconds: 600 }),
      ])
      expect(a.length + b.length).toBe(30)
      expect(new Set([...a, ...b]).size).toBe(30)
      // Leased: nothing is due until the lease runs out, then all of them are again.
      expect(await service.listDueCartIds({ now, limit: 100 })).toHaveLength(0)
      expect(await service.claimDueCarts({ now, limit: 100, leaseSeconds: 600 })).toHaveLength(0)
      expect(await service.claimDueCarts({ now: new Date(now.getTime() + 11 * 60_000), limit: 100, leaseSeconds: 600 })).toHaveLength(30)
    })

    it("signs recovery links that verify, expire and cannot be forged", async () => {
      const url = service.recoveryUrl({ c: "cart_1", st: 2 }, now)
      expect(url.startsWith("http://shop.test/retention/cart-recovery/open?token=")).toBe(true)
      const token = decodeURIComponent(url.split("token=")[1])
      const ok = service.verifyRecoveryToken(token, now)
      expect(ok.ok && ok.payload).toMatchObject({ c: "cart_1", st: 2 })
      expect(service.verifyRecoveryToken(token, new Date(now.getTime() + 31 * 24 * HOUR))).toMatchObject({ ok: false, reason: "expired" })
      expect(service.verifyRecoveryToken(token.slice(0, -2) + "xx", now)).toMatchObject({ ok: false })
      expect(service.storefrontUrl({ cart_id: "cart_1", code: "BACK-1", token: "t" })).toBe(
        "http://localhost:8000/cart/recover?cart_id=cart_1&code=BACK-1&token=t"
      )
    })

    it("counts clicks and keeps the first click time", async () => {
      const send = await service.createRecoverySends({
        idempotency_key: "cart-recovery:cart_9:1",
        cart_id: "cart_9",
        campaign_id: "rcamp_x",
        email: "p9@example.com",
        step: 1,
        status: "sent",
        sent_at: now,
      })
      await service.recordClick({ send_id: send.id, at: now })
      await service.recordClick({ send_id: send.id, at: new Date(now.getTime() + HOUR) })
      const [row] = await service.listRecoverySends({ id: send.id })
      expect(row.click_count).toBe(2)
      expect(new Date(row.clicked_at!).toISOString()).toBe(now.toISOString())
    })
  },
})
