// The daily data-retention job through the real app and database: old email bodies dropped
// (row, status and events kept), finished cart-recovery sequences deleted once their
// attribution window plus the margin is over, with the campaign page reading the same; recent
// and active rows kept; a second run changes nothing. Time moves by backdating rows and by the
// job's injected clock, never by sleeping.
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { pruneRetentionData } from "../../src/jobs/prune-retention-data"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { createAdminAndLogin } from "../helpers/admin"

jest.setTimeout(180_000)

type Knex = { raw: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

const DAY = 86400_000

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)
    const cartRecovery = (): CartRecoveryModuleService => getContainer().resolve(RETENTION_CART_RECOVERY_MODULE)
    const db = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const now = new Date()
    const ago = (days: number) => new Date(now.getTime() - days * DAY)

    it("drops email bodies after 30 days, keeping the row, its status and its events, once", async () => {
      const { headers } = await createAdminAndLogin(getContainer(), api)
      const base = { topic: "cart_recovery" as const, category: "marketing" as const, template: "cart-reminder", locale: "en", to_email: "lee@example.com" }
      const body = { subject: "Your cart", html: "<html>" + "x".repeat(13_000) + "</html>", text: "Your cart is waiting" }
      const [old, recent, waiting] = await messaging().createMessages([
        { ...base, ...body, idempotency_key: "retention:old", status: "clicked", sent_at: ago(40), metadata: { source: "test" } },
        { ...base, ...body, idempotency_key: "retention:recent", status: "delivered", sent_at: ago(5) },
        // Not sent yet (a provider outage): it still needs its body.
        { ...base, ...body, idempotency_key: "retention:retrying", status: "retrying" },
      ])
      await db().raw(`update retention_message set updated_at = ? where id = ?`, [ago(40), waiting.id])
      await messaging().recordProviderEvents([
        { sg_event_id: "retention-ev-1", type: "click", message_id: old.id, provider_message_id: null, occurred_at: ago(39), data: {} },
      ])

      const first = await pruneRetentionData(getContainer(), now)
      expect(first.message_bodies).toEqual({ done: 1, failed: 0 })

      const [after] = await messaging().listMessages({ id: old.id })
      expect(after).toMatchObject({ html: null, text: null, status: "clicked", subject: "Your cart" })
      expect(after.metadata).toMatchObject({ source: "test", body_dropped_at: now.toISOString(), body_retention_days: 30 })
      expect(await messaging().listMessageEvents({ message_id: old.id })).toHaveLength(1)
      for (const kept of [recent, waiting]) {
        expect((await messaging().listMessages({ id: kept.id }))[0]).toMatchObject({ html: body.html, text: body.text })
      }
      // The admin drawer reads why the body is gone from the message itself.
      const detail = (await api.get(`/admin/retention/messages/${old.id}`, { headers })).data.message
      expect(detail.metadata).toMatchObject({ body_retention_days: 30 })

      const second = await pruneRetentionData(getContainer(), now)
      expect(second.message_bodies).toEqual({ done: 0, failed: 0 })
      expect((await messaging().listMessages({ id: old.id }))[0].metadata).toMatchObject({ body_dropped_at: now.toISOString() })
    })

    it("deletes finished sequences after the attribution window plus 30 days, keeps the rest, and the campaign page reads the same", async () => {
      const { headers } = await createAdminAndLogin(getContainer(), api)
      await cartRecovery().ensureDefaultCampaign()
      const [campaign] = await cartRecovery().listRecoveryCampaigns({ is_default: true })
      expect(campaign.attribution_window_days).toBe(7)

      // name → status, age in days of every timestamp, extra fields, sends (step, opened, clicked)
      const carts: [string, string, number, Record<string, unknown>, [number, boolean, boolean][]][] = [
        ["expired-old", "expired", 60, {}, [[1, true, false], [2, false, false]]],
        ["recovered-old", "recovered", 60, { order_id: "order_r", order_total: 120.5, recovered_step: 2, recovered_variant: 1 }, [[1, true, true], [2, true, true]]],
        ["holdout-old", "converted", 60, { holdout: true, order_id: "order_h", order_total: 40 }, []],
        ["opted-out-old", "opted_out", 45, {}, [[1, false, false]]],
        // Finished, but the window (7 days) plus the margin (30) has not passed: 20 and 36 days.
        ["expired-recent", "expired", 20, {}, [[1, true, false]]],
        ["recovered-recent", "recovered", 36, { order_id: "order_rr", order_total: 75, recovered_step: 1, recovered_variant: 0 }, [[1, true, true]]],
        // Still in a sequence, however old.
        ["emailed-old", "emailed", 90, {}, [[1, false, false]]],
        ["active-old", "active", 90, {}, []],
      ]
      for (const [name, status, age, extra, sends] of carts) {
        const at = ago(age)
        const tracked = await cartRecovery().createTrackedCarts({
          cart_id: `cart_${name}`,
          email: `${name}@example.com`,
          currency_code: "eur",
          value: 100,
          last_activity_at: at,
          status: status as "expired",
          campaign_id: campaign.id,
          abandoned_at: at,
          last_sent_at: sends.length ? at : null,
          ordered_at: extra.order_id ? at : null,
          holdout: false,
          ...extra,
        })
        for (const [step, opened, clicked] of sends) {
          await cartRecovery().createRecoverySends({
            idempotency_key: `cart-recovery:cart_${name}:${step}`,
            cart_id: `cart_${name}`,
            campaign_id: campaign.id,
            email: `${name}@example.com`,
            step,
            variant: step === 2 ? 1 : 0,
            status: "sent",
            sent_at: at,
            opened_at: opened ? at : null,
            clicked_at: clicked ? at : null,
          })
        }
        await db().raw(`update retention_tracked_cart set updated_at = ? where id = ?`, [at, tracked.id])
      }
      const stats = async () => {
        const s = (await api.get(`/admin/retention/cart-recovery/campaigns/${campaign.id}`, { headers })).data.stats
        s.by_step.sort((a: { step: number; variant: number }, b: { step: number; variant: number }) => a.step - b.step || a.variant - b.variant)
        return s
      }
      const before = await stats()
      expect(before).toMatchObject({ tracked: 8, recoveries: 2, revenue: { eur: 195.5 } })

      const first = await pruneRetentionData(getContainer(), now)
      expect(first.sequences).toEqual({ done: 4, failed: 0, sends: 5 })
      const left = (await cartRecovery().listTrackedCarts({ campaign_id: campaign.id })).map((c) => c.cart_id).sort()
      expect(left).toEqual(["cart_active-old", "cart_emailed-old", "cart_expired-recent", "cart_recovered-recent"])
      const leftSends = (await cartRecovery().listRecoverySends({ campaign_id: campaign.id })).map((s) => s.cart_id).sort()
      expect(leftSends).toEqual(["cart_emailed-old", "cart_expired-recent", "cart_recovered-recent"])
      expect(await stats()).toEqual(before)

      const second = await pruneRetentionData(getContainer(), now)
      expect(second.sequences).toEqual({ done: 0, failed: 0, sends: 0 })
      expect(await stats()).toEqual(before)

      // A month later the recent ones are old enough too; the figures still add up.
      const later = await pruneRetentionData(getContainer(), new Date(now.getTime() + 30 * DAY))
      expect(later.sequences).toEqual({ done: 2, failed: 0, sends: 2 })
      // The 30-day chart is drawn from today's clock, and a month later those sends are out of
      // it anyway: compare everything but the chart.
      const { daily: _daily, ...totals } = before
      expect(await stats()).toMatchObject(totals)
    })
  },
})
