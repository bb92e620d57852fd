// The campaign editor's step preview and "send test" through the real app: a chosen tracked cart
// (found by part of its email or its customer's name), each locale, the draft as edited, and a
// test send that goes out like a real one but is no campaign send.
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"
import { settle, useOutbox } from "../helpers/outbox"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("cart-recovery-preview")

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const container = (): MedusaContainer => getContainer()
    const { service, query, createCart, createEuroCart } = cartRecoveryHelpers(container)
    const messaging = (): MessagingModuleService => container().resolve(RETENTION_MESSAGING_MODULE)

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
    })

    /** The default campaign with a plain first step and a discounted second one; nothing is due for an hour. */
    const configureCampaign = async () => {
      const list = await api.get("/admin/retention/cart-recovery/campaigns", { headers })
      const campaign = list.data.campaigns.find((c: { is_default: boolean }) => c.is_default)
      await api.post(
        `/admin/retention/cart-recovery/campaigns/${campaign.id}`,
        {
          steps: [
            { delay_hours: 1, subjects: ["Saved subject"] },
            { delay_hours: 24, subjects: ["Second A", "Second B"], discount: { type: "percentage", value: 10, expires_in_hours: 48 } },
          ],
          holdout_percent: 0,
        },
        { headers }
      )
      return campaign as { id: string }
    }

    const itemTitle = async (cartId: string) => {
      const { data } = await query().graph({ entity: "cart", fields: ["items.title"], filters: { id: cartId } })
      return String(data[0].items![0]!.title)
    }

    it("previews a chosen cart in Turkish and in English, with the draft's discount", async () => {
      const campaign = await configureCampaign()
      const chosen = await createCart("ayse.preview@example.com")
      // A newer cart: without cart_id the preview would take this one.
      const newer = await createCart("newer.preview@example.com", [["GRD-HAND-C40-BLK", 1]])
      const url = `/admin/retention/cart-recovery/campaigns/${campaign.id}/preview`

      const tr = await api.post(url, { step: 2, cart_id: chosen.id, locale: "tr" }, { headers })
      expect(tr.status).toBe(200)
      expect(tr.data).toMatchObject({ cart_id: chosen.id, locale: "tr", variants: 2, campaign_subject: false })
      // The campaign's subject lines are in the store's language: Turkish keeps the template's own.
      expect(tr.data.subject).toBe("Sepetiniz sizi bekliyor")
      expect(tr.data.text).toContain("Sepetinize dönün")
      expect(tr.data.text).toContain("PREVIEW-CODE")
      expect(tr.data.text).toContain(await itemTitle(chosen.id))
      expect(tr.data.text).not.toContain("Return to your cart")

      const en = await api.post(url, { step: 2, cart_id: chosen.id, locale: "en" }, { headers })
      expect(en.data.text).toContain("Return to your cart")
      expect(en.data.subject).toBe(["Second A", "Second B"][en.data.variant])
      expect(en.data.campaign_subject).toBe(true)

      // The draft as edited: its discount and its subject line, not the saved step's.
      const draft = { delay_hours: 1, subjects: ["Draft subject"], discount: { type: "percentage", value: 15, expires_in_hours: 24 } }
      const drafted = await api.post(url, { step: 1, draft, cart_id: chosen.id, locale: "en" }, { headers })
      expect(drafted.data.subject).toBe("Draft subject")
      expect(drafted.data.text).toContain("15%")
      expect(drafted.data.text).toContain("PREVIEW-CODE")

      // A fixed amount in another currency gives this EUR cart no code in a real send: none in the preview.
      const otherCurrency = await api.post(
        url,
        { step: 1, draft: { ...draft, discount: { type: "fixed", value: 5, currency_code: "try", expires_in_hours: 24 } }, cart_id: chosen.id, locale: "en" },
        { headers }
      )
      expect(otherCurrency.data.text).not.toContain("PREVIEW-CODE")

      const latest = await api.post(url, { step: 1, locale: "en" }, { headers })
      expect(latest.data.cart_id).toBe(newer.id)
      const missing = await settle(api.post(url, { step: 1, cart_id: "cart_missing", locale: "en" }, { headers }))
      expect(missing.status).toBe(404)
      expect(missing.data.message).toMatch(/^cart_id:/)
      const badLocale = await settle(api.post(url, { step: 1, locale: "xx" }, { headers }))
      expect(badLocale.status).toBe(400)
      expect(badLocale.data.message).toMatch(/^locale:/)
    })

    it("finds tracked carts by part of their email or their customer's name, and refuses bad searches", async () => {
      await configureCampaign()
      const lena = await createCart("lena.Vogel+pick@example.com")
      await createCart("someone.else@example.com")
      const customer = await container()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "ak@example.com", first_name: "Ayşe", last_name: "Quillfeather", has_account: true })
      const ayse = await createEuroCart({ email: "ak@example.com", customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })
      await eventually(async () => (await service().listTrackedCarts({ cart_id: ayse.id }))[0])

      const search = (q: string) => settle(api.get(`/admin/retention/cart-recovery/carts?${new URLSearchParams({ q })}`, { headers }))
      const byEmail = await search("VOGEL+PI")
      expect(byEmail.status).toBe(200)
      expect(byEmail.data.carts.map((c: { cart_id: string }) => c.cart_id)).toEqual([lena.id])
      expect(byEmail.data.count).toBe(1)

      // The demo store's own Turkish customers have carts too: a name only this customer has.
      const byName = await search("QUILLF")
      expect(byName.data.carts).toHaveLength(1)
      expect(byName.data.carts[0]).toMatchObject({ cart_id: ayse.id, email: "ak@example.com", customer_name: "Ayşe Quillfeather" })

      // LIKE wildcards typed by the admin are literal.
      expect((await search("%")).data.count).toBe(0)
      expect((await search("_")).data.count).toBe(0)

      const tooLong = await search("x".repeat(321))
      expect(tooLong.status).toBe(400)
      expect(tooLong.data.message).toMatch(/^q:/)
      const twice = await settle(api.get("/admin/retention/cart-recovery/carts?q=a&q=b", { headers }))
      expect(twice.status).toBe(400)
      expect(twice.data.message).toMatch(/^q:/)
    })

    it("sends a test of the draft step to the given address: marked test, no campaign send, no promotion", async () => {
      const campaign = await configureCampaign()
      const cart = await createCart("shopper.test@example.com")
      const before = (await api.get(`/admin/retention/cart-recovery/campaigns/${campaign.id}`, { headers })).data.stats
      const promotions = container().resolve(Modules.PROMOTION)
      const promotionsBefore = await promotions.listPromotions({}, { select: ["id"] })

      const draft = { delay_hours: 1, subjects: ["Test of the draft"], discount: { type: "percentage", value: 15, expires_in_hours: 24 } }
      const res = await api.post(
        `/admin/retention/cart-recovery/campaigns/${campaign.id}/send-test`,
        { step: 1, draft, cart_id: cart.id, locale: "en", to: "merchant@example.com" },
        { headers }
      )
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ to: "merchant@example.com", cart_id: cart.id, result: { status: "sent", duplicate: false } })
      expect(res.data.result.idempotency_key).toMatch(/^test:cart-recovery:/)

      const mails = await mailTo("merchant@example.com")
      expect(mails).toHaveLength(1)
      expect(mails[0]).toMatchObject({ template: "cart-reminder", subject: "Test of the draft" })
      expect(mails[0].text).toContain("PREVIEW-CODE")
      expect(mails[0].text).toContain("15%")
      expect(mails[0].text).toContain(await itemTitle(cart.id))
      // Nothing reached the shopper.
      expect(await mailTo("shopper.test@example.com")).toHaveLength(0)

      const [logged] = await messaging().listMessages({ to_email: "merchant@example.com" })
      expect(logged).toMatchObject({ topic: "system", category: "transactional", status: "sent" })
      expect(logged.campaign_id ?? null).toBeNull()

      // Not a campaign send: no recovery send, the same numbers, no discount code created.
      expect(await service().listRecoverySends({ cart_id: cart.id })).toHaveLength(0)
      expect((await service().listTrackedCarts({ cart_id: cart.id }))[0]).toMatchObject({ status: "active", current_step: 0 })
      const after = (await api.get(`/admin/retention/cart-recovery/campaigns/${campaign.id}`, { headers })).data.stats
      expect(after).toEqual(before)
      expect(await promotions.listPromotions({}, { select: ["id"] })).toHaveLength(promotionsBefore.length)

      // Turkish, the saved step 2: the template's Turkish subject and text.
      const tr = await api.post(
        `/admin/retention/cart-recovery/campaigns/${campaign.id}/send-test`,
        { step: 2, cart_id: cart.id, locale: "tr", to: "merchant@example.com" },
        { headers }
      )
      expect(tr.data.result.status).toBe("sent")
      const both = await mailTo("merchant@example.com")
      expect(both).toHaveLength(2)
      expect(both.map((m) => m.subject)).toContain("Sepetiniz sizi bekliyor")

      const url = `/admin/retention/cart-recovery/campaigns/${campaign.id}/send-test`
      const badTo = await settle(api.post(url, { step: 1, locale: "en", to: "not-an-address" }, { headers }))
      expect(badTo.status).toBe(400)
      expect(badTo.data.message).toMatch(/^to:/)
      const noLocale = await settle(api.post(url, { step: 1, to: "merchant@example.com" }, { headers }))
      expect(noLocale.status).toBe(400)
      expect(noLocale.data.message).toMatch(/^locale:/)
      const noCart = await settle(api.post(url, { step: 1, cart_id: "cart_missing", locale: "en", to: "merchant@example.com" }, { headers }))
      expect(noCart.status).toBe(404)
      expect(noCart.data.message).toMatch(/^cart_id:/)
      const noCampaign = await settle(
        api.post("/admin/retention/cart-recovery/campaigns/rcamp_missing/send-test", { step: 1, locale: "en", to: "merchant@example.com" }, { headers })
      )
      expect(noCampaign.status).toBe(404)
      expect(await settle(api.post(url, { step: 1, locale: "en", to: "merchant@example.com" }))).toMatchObject({ status: 401 })
      expect(await mailTo("merchant@example.com")).toHaveLength(2)
    })
  },
})
