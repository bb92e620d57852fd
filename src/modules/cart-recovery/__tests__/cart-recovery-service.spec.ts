import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { parseSteps, RETENTION_CART_RECOVERY_MODULE } from ".."
import { RecoveryCampaign } from "../models/recovery-campaign"
import { RecoverySend } from "../models/recovery-send"
import { RecoveryTickLease } from "../models/tick-lease"
import { TrackedCart } from "../models/tracked-cart"
import CartRecoveryModuleService from "../service"

jest.setTimeout(60_000)

const HOUR = 3600_000

moduleIntegrationTestRunner<CartRecoveryModuleService>({
  moduleName: RETENTION_CART_RECOVERY_MODULE,
  moduleModels: [RecoveryCampaign, TrackedCart, RecoverySend, RecoveryTickLease],
  resolve: "./src/modules/cart-recovery",
  moduleOptions: { tokenSecret: "module-test-secret-0123456789abcdef", publicUrl: "https://shop.test" },
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

    it("reads only due carts of active campaigns, oldest first", async () => {
      const active = await service.createRecoveryCampaigns({ name: "a", status: "active", steps: {} })
      const paused = await service.createRecoveryCampaigns({ name: "p", status: "paused", steps: {} })
      for (let i = 0; i < 30; i++) await track(i, active.id, new Date(now.getTime() - (i + 1) * 60_000))
      await track(100, active.id, new Date(now.getTime() + HOUR))
      await track(101, paused.id, new Date(now.getTime() - HOUR))
      await track(102, active.id, new Date(now.getTime() - HOUR), "recovered")
      await track(103, active.id, null)

      const ids = await service.listDueCartIds({ now, limit: 100 })
      expect(ids).toHaveLength(30)
      const carts = await service.listTrackedCarts({ id: ids })
      const byId = new Map(carts.map((c) => [c.id, c.cart_id]))
      // Oldest due first: cart_29 went due 30 minutes ago, cart_0 one minute ago.
      expect(ids.map((id) => byId.get(id))).toEqual(Array.from({ length: 30 }, (_, i) => `cart_${29 - i}`))
      expect(await service.listDueCartIds({ now, limit: 5 })).toEqual(ids.slice(0, 5))
    })

    it("gives the scheduler lease to exactly one of many concurrent ticks, until ended or expired", async () => {
      const active = await service.createRecoveryCampaigns({ name: "a", status: "active", steps: {} })
      for (let i = 0; i < 3; i++) await track(i, active.id, new Date(now.getTime() - 60_000))
      const name = "test-scheduler"
      const start = (holder: string, leaseSeconds = 600) => service.startTick({ name, holder, leaseSeconds, now, limit: 10 })
      const holders = Array.from({ length: 6 }, (_, i) => `worker-${i}`)
      const got = await Promise.all(holders.map((holder) => start(holder)))
      // One tick holds the lease and reads the due carts; the others get nothing to do.
      expect(got.filter((ids) => ids !== null)).toHaveLength(1)
      expect(got.find((ids) => ids !== null)).toHaveLength(3)
      const winner = holders[got.findIndex((ids) => ids !== null)]
      const loser = holders.find((h) => h !== winner)!

      // Held: nobody else gets it, and a non-holder cannot end it.
      expect(await start(loser)).toBeNull()
      await service.endTick({ name, holder: loser })
      expect(await start(loser)).toBeNull()
      // Another scheduler's lease is independent.
      expect(await service.startTick({ name: "other-scheduler", holder: loser, leaseSeconds: 600, now, limit: 10 })).toHaveLength(3)

      // Ended: the next tick gets it.
      await service.endTick({ name, holder: winner })
      expect(await start(loser, 3)).toHaveLength(3)
      // A holder that died: its lease runs out and passes on; the old holder's late end is a no-op.
      expect(await start(winner)).toBeNull()
      await new Promise((r) => setTimeout(r, 3200))
      expect(await start(winner)).toHaveLength(3)
      await service.endTick({ name, holder: loser })
      expect(await start("worker-9")).toBeNull()
    })

    it("puts a failed cart back only while it is still due", async () => {
      const active = await service.createRecoveryCampaigns({ name: "a", status: "active", steps: {} })
      const due = await track(1, active.id, new Date(now.getTime() - 60_000))
      const rescheduled = await track(2, active.id, new Date(now.getTime() + 5 * HOUR))
      const ended = await track(3, active.id, null)
      const until = new Date(now.getTime() + 15 * 60_000)
      for (const c of [due, rescheduled, ended]) await service.postponeIfStillDue({ id: c.id, dueAt: now, until })
      const after = new Map((await service.listTrackedCarts({ id: [due.id, rescheduled.id, ended.id] })).map((c) => [c.id, c.next_action_at]))
      expect(new Date(after.get(due.id)!).getTime()).toBe(until.getTime())
      expect(new Date(after.get(rescheduled.id)!).getTime()).toBe(now.getTime() + 5 * HOUR)
      expect(after.get(ended.id)).toBeNull()
    })

    it("signs recovery links that verify, expire and cannot be forged", async () => {
      const url = service.recoveryUrl({ c: "cart_1", st: 2 }, now)
      expect(url.startsWith("https://shop.test/retention/cart-recovery/open?token=")).toBe(true)
      const token = decodeURIComponent(url.split("token=")[1])
      const ok = service.verifyRecoveryToken(token, now)
      expect(ok.ok && ok.payload).toMatchObject({ c: "cart_1", st: 2 })
      expect(service.verifyRecoveryToken(token, new Date(now.getTime() + 31 * 24 * HOUR))).toMatchObject({ ok: false, reason: "expired" })
      expect(service.verifyRecoveryToken(token.slice(0, -2) + "xx", now)).toMatchObject({ ok: false })
      expect(
        service.storefrontUrl({ cart_id: "cart_1", code: "BACK-1", token: "t", storefrontUrl: "https://kestrel.example/" })
      ).toBe("https://kestrel.example/cart/recover?cart_id=cart_1&code=BACK-1&token=t")
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
