// The language of customer emails through the real app (issue #14): the customer's stored
// language, else the cart's or order's country through Brand → countryLocales, else the store
// default. Checked on the message log's `locale` column and on the subject in the outbox.
// Time is controlled by backdating rows, never by sleeping.
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  capturePaymentWorkflow,
  createCartWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import { prepareDemoCartRecovery } from "../../scripts/demo/cart-recovery"
import { prepareDemoNps } from "../../scripts/demo/nps"
import { seedDemoStore } from "../../scripts/demo/seed"
import { sendDueNpsSurveys } from "../../src/jobs/send-due-nps-surveys"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"
import { createShopper } from "../helpers/customers"
import { settle, useOutbox } from "../helpers/outbox"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("email-locale")

const istanbul = {
  first_name: "Deniz",
  last_name: "Aydın",
  address_1: "İstiklal Caddesi 12",
  city: "Istanbul",
  postal_code: "34430",
  country_code: "tr",
}

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const container = (): MedusaContainer => getContainer()
    const { query, store, createCart, createEuroCart, makeDue, completeCart, tick, service } = cartRecoveryHelpers(container)
    const messaging = (): MessagingModuleService => container().resolve(RETENTION_MESSAGING_MODULE)
    const nps = (): NpsModuleService => container().resolve(RETENTION_NPS_MODULE)

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 }, { headers })
    })

    const rowsTo = (email: string) => messaging().listMessages({ to_email: email })

    /** A cart in the Türkiye region (TRY), shipped to the given address. */
    const createTurkishCart = async (email: string, address: Record<string, string> | null = istanbul, customerId?: string) => {
      const s = await store()
      const { data: regions } = await query().graph({ entity: "region", fields: ["id"], filters: { currency_code: "try" } })
      const { result } = await createCartWorkflow(container()).run({
        input: {
          region_id: regions[0].id,
          sales_channel_id: s.salesChannelId,
          currency_code: "try",
          email,
          ...(customerId ? { customer_id: customerId } : {}),
          ...(address ? { shipping_address: address, billing_address: address } : {}),
          items: [{ variant_id: s.variant("ETH-YIRG-250"), quantity: 1 }],
        },
      })
      await eventually(async () => (await service().listTrackedCarts({ cart_id: result.id }))[0])
      return result
    }

    /** The first reminder of the default campaign (its step 1 has no campaign subject lines). */
    const firstReminder = async (cartId: string, email: string) => {
      await makeDue(cartId, 2)
      await tick()
      const [row] = await eventually(async () => {
        const rows = (await rowsTo(email)).filter((r) => r.template === "cart-reminder")
        return rows.length ? rows : undefined
      })
      const [mail] = await mailTo(email)
      return { row, mail }
    }

    it("sends the cart reminder of a guest cart shipped to Istanbul in Turkish", async () => {
      const email = "deniz@locale.test"
      const cart = await createTurkishCart(email)
      const { row, mail } = await firstReminder(cart.id, email)
      expect(row.locale).toBe("tr")
      expect(mail.subject).toBe("Sepetiniz sizi bekliyor")
    })

    it("keeps a campaign's subject lines, written in the store language, out of an email in another language", async () => {
      const list = await api.get("/admin/retention/cart-recovery/campaigns", { headers })
      const campaign = list.data.campaigns.find((c: { is_default: boolean }) => c.is_default)
      const saved = await api.post(
        `/admin/retention/cart-recovery/campaigns/${campaign.id}`,
        { steps: [{ delay_hours: 1, subjects: ["Still thinking about it?"] }], holdout_percent: 0 },
        { headers }
      )
      expect(saved.status).toBe(200)
      const turkish = "subject.tr@locale.test"
      const { mail: trMail } = await firstReminder((await createTurkishCart(turkish)).id, turkish)
      expect(trMail.subject).toBe("Sepetiniz sizi bekliyor")
      const german = "subject.de@locale.test"
      const { mail: deMail } = await firstReminder((await createCart(german)).id, german)
      expect(deMail.subject).toBe("Still thinking about it?")
    })

    it("sends the cart reminder of a German address in the store default", async () => {
      const email = "lena@locale.test"
      const cart = await createCart(email)
      const { row, mail } = await firstReminder(cart.id, email)
      expect(row.locale).toBe("en")
      expect(mail.subject).toMatch(/cart at .* is waiting$/)
    })

    it("uses a single-country region when the cart has no address yet", async () => {
      const email = "no-address@locale.test"
      const cart = await createTurkishCart(email, null)
      const { row } = await firstReminder(cart.id, email)
      expect(row.locale).toBe("tr")
    })

    it("follows Brand → countryLocales and the default language, and refuses a bad map with a 400 naming the field", async () => {
      const saved = await api.post("/admin/retention/settings/brand", { countryLocales: { de: "tr" } }, { headers })
      expect(saved.status).toBe(200)
      expect(saved.data.settings.values.countryLocales).toEqual({ de: "tr" })
      const german = "umlaut@locale.test"
      const { row } = await firstReminder((await createCart(german)).id, german)
      expect(row.locale).toBe("tr")
      // Turkey is no longer mapped: the store default decides.
      const turkish = "unmapped@locale.test"
      const { row: unmapped } = await firstReminder((await createTurkishCart(turkish)).id, turkish)
      expect(unmapped.locale).toBe("en")

      for (const [countryLocales, field] of [
        [{ TR: "tr" }, "countryLocales.TR"],
        [{ tur: "tr" }, "countryLocales.tur"],
        [{ tr: "de" }, "countryLocales.tr"],
      ] as const) {
        const bad = await settle(api.post("/admin/retention/settings/brand", { countryLocales }, { headers }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain(`${field}:`)
      }
    })

    it("puts a registered customer's stored language before the address", async () => {
      const email = "prefers.turkish@locale.test"
      const { customer } = await createShopper(container(), api, email, { metadata: { locale: "tr-TR" } })
      const cart = await createEuroCart({ email, customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })
      await eventually(async () => (await service().listTrackedCarts({ cart_id: cart.id }))[0])
      const { row } = await firstReminder(cart.id, email)
      expect(row.locale).toBe("tr")
    })

    it("lets a logged-in customer choose their email language in the store preferences", async () => {
      const email = "chooses@locale.test"
      const { customer, token } = await createShopper(container(), api, email, { metadata: { newsletter: "weekly" } })
      const shopper = { authorization: `Bearer ${token}`, "x-publishable-api-key": (await store()).publishableKey }
      expect((await api.get("/store/retention/preferences", { headers: shopper })).data.preferences.locale).toBeNull()

      const chosen = await api.post("/store/retention/preferences", { locale: "tr" }, { headers: shopper })
      expect(chosen.data.preferences.locale).toBe("tr")
      expect((await api.get("/store/retention/preferences", { headers: shopper })).data.preferences.locale).toBe("tr")
      const { data: [stored] } = await query().graph({ entity: "customer", fields: ["metadata"], filters: { id: customer.id } })
      // The storefront's own metadata is kept.
      expect(stored.metadata).toEqual({ newsletter: "weekly", locale: "tr" })

      const bad = await settle(api.post("/store/retention/preferences", { locale: "de" }, { headers: shopper }))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/locale/)

      // A German address, but the customer chose Turkish.
      const cart = await createEuroCart({ email, customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })
      await eventually(async () => (await service().listTrackedCarts({ cart_id: cart.id }))[0])
      const { row } = await firstReminder(cart.id, email)
      expect(row.locale).toBe("tr")

      // null clears the choice.
      const cleared = await api.post("/store/retention/preferences", { locale: null }, { headers: shopper })
      expect(cleared.data.preferences.locale).toBeNull()
    })

    /** The cart's order, paid and delivered, with its survey sent. */
    const deliveredOrderSurvey = async (cartId: string) => {
      const order = await completeCart(cartId)
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
      const items = ((full.items ?? []) as ({ id: string; detail?: { quantity?: unknown } } | null)[]).flatMap((i) =>
        i ? [{ id: i.id, quantity: Number(i.detail?.quantity) }] : []
      )
      const { data: locations } = await query().graph({ entity: "stock_location", fields: ["id"] })
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container()).run({
        input: { order_id: order.id, items, location_id: locations[0].id },
      })
      await createOrderShipmentWorkflow(container()).run({ input: { order_id: order.id, fulfillment_id: fulfillment.id, items } })
      await markOrderFulfillmentAsDeliveredWorkflow(container()).run({ input: { orderId: order.id, fulfillmentId: fulfillment.id } })
      const survey = await eventually(async () => (await nps().listNpsSurveys({ order_id: order.id }))[0])
      await nps().updateNpsSurveys({ id: survey.id, due_at: new Date(Date.now() - 1000) })
      await sendDueNpsSurveys(container())
      return survey
    }

    it("sends the NPS survey of an order shipped to Türkiye in Turkish, and a German one in English", async () => {
      const turkish = "nps.tr@locale.test"
      await deliveredOrderSurvey((await createTurkishCart(turkish)).id)
      const [trRow] = (await rowsTo(turkish)).filter((r) => r.template === "nps-survey")
      expect(trRow.locale).toBe("tr")
      const [trMail] = (await mailTo(turkish)).filter((m) => m.template === "nps-survey")
      expect(trMail.subject).toBe("Retention Demo Coffee: siparişinizle ilgili kısa bir soru")
      // The score links carry the same language to the thank-you page.
      expect(trMail.html).toContain("mağazasını")

      const german = "nps.de@locale.test"
      await deliveredOrderSurvey((await createCart(german)).id)
      const [deRow] = (await rowsTo(german)).filter((r) => r.template === "nps-survey")
      expect(deRow.locale).toBe("en")
    })

    it("sends a loyalty email in the language of where the customer's latest order went", async () => {
      const email = "loyal.tr@locale.test"
      const { customer } = await createShopper(container(), api, email)
      await completeCart((await createTurkishCart(email, istanbul, customer.id)).id)
      const earned = await eventually(async () => (await rowsTo(email)).find((r) => r.template === "loyalty-points-earned"))
      expect(earned!.locale).toBe("tr")
    })

    it("demo: the seeded Turkish shoppers get Turkish emails, the others the default", async () => {
      await prepareDemoCartRecovery(container())
      await tick(new Date(Date.now() + 60_000))
      await prepareDemoNps(container())
      const localeOf = async (email: string, template: string) =>
        (await eventually(async () => (await rowsTo(email)).find((r) => r.template === template)))!.locale
      // Zeynep's cart goes to her Izmir address; Ayşe's guest cart has no address but is in the
      // Türkiye region; Lukas's guest cart goes to Munich.
      expect(await localeOf("zeynep.kaya@example.com", "cart-reminder")).toBe("tr")
      expect(await localeOf("ayse.celik@example.com", "cart-reminder")).toBe("tr")
      expect(await localeOf("lukas.schneider@example.com", "cart-reminder")).toBe("en")
      // Elif's delivered order went to Istanbul.
      expect(await localeOf("elif.yilmaz@example.com", "nps-survey")).toBe("tr")
    })
  },
})
