// The admin side of messaging through the real app: the message log, templates (preview,
// overrides, test sends), consent, the customer widget's endpoint and deliverability pauses.
// Emails go to the local outbox provider (files in a temporary folder).
import { Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { getTemplate } from "../../src/emails"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { sendRetentionEmailsWorkflow } from "../../src/workflows/messaging/send-retention-emails"
import type { SendEmailInput } from "../../src/workflows/messaging/types"
import { type ApiResponse as Response, settle, useOutbox } from "../helpers/outbox"
import { createAdminAndLogin } from "../helpers/admin"
import { seedDemoStore } from "../../scripts/demo/seed"

jest.setTimeout(180_000)

const { all: outbox } = useOutbox("admin")

const sampleData = (template: string) => getTemplate(template)?.sampleData as Record<string, unknown>

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    let userId: string

    const send = (messages: SendEmailInput[]) =>
      sendRetentionEmailsWorkflow(getContainer()).run({ input: { messages } }).then((r) => r.result)
    const email = (key: string, template: string, to: string, extra: Partial<SendEmailInput> = {}): SendEmailInput => ({
      idempotency_key: key,
      template,
      to,
      data: sampleData(template),
      ...extra,
    })
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)
    // axios throws on 4xx; the tests want to look at those responses.
    const get = (url: string) => settle(api.get(url, { headers }))
    const post = (url: string, body?: unknown) => settle(api.post(url, body, { headers }))
    const del = (url: string) => settle(api.delete(url, { headers }))

    beforeEach(async () => {
      ;({ headers, userId } = await createAdminAndLogin(getContainer(), api))
      // Quiet hours depend on the clock; none of these tests is about them.
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers })
    })

    it("keeps every route behind admin auth", async () => {
      const anonymous = (p: Promise<Response>) => settle(p).then((r) => r.status)
      expect(await anonymous(api.get("/admin/retention/messages"))).toBe(401)
      expect(await anonymous(api.get("/admin/retention/messages/rmsg_1"))).toBe(401)
      expect(await anonymous(api.get("/admin/retention/templates"))).toBe(401)
      expect(await anonymous(api.get("/admin/retention/templates/cart-reminder"))).toBe(401)
      expect(await anonymous(api.post("/admin/retention/templates/cart-reminder/preview", { locale: "en" }))).toBe(401)
      expect(
        await anonymous(api.post("/admin/retention/templates/cart-reminder/overrides/en", { subject: "Hi" }))
      ).toBe(401)
      expect(await anonymous(api.delete("/admin/retention/templates/cart-reminder/overrides/en"))).toBe(401)
      expect(
        await anonymous(api.post("/admin/retention/templates/cart-reminder/send-test", { to: "a@example.com", locale: "en" }))
      ).toBe(401)
      expect(await anonymous(api.get("/admin/retention/consent?email=a@example.com"))).toBe(401)
      expect(
        await anonymous(api.post("/admin/retention/consent", { email: "a@example.com", topic: "all", status: "revoked" }))
      ).toBe(401)
      expect(await anonymous(api.get("/admin/retention/customers/cus_1/messaging"))).toBe(401)
      expect(await anonymous(api.get("/admin/retention/pauses"))).toBe(401)
      expect(await anonymous(api.post("/admin/retention/pauses/rpau_1/resume"))).toBe(401)
      expect(await outbox()).toHaveLength(0)
    })

    it("lists messages newest first with filters and paging, without bodies", async () => {
      const sent = await send([
        email("cart-recovery:c1:1", "cart-reminder", "Alice@Example.com", { customer_id: "cus_alice" }),
        email("nps:o1", "nps-survey", "bob@example.com"),
      ])
      expect(sent.map((s) => s.status)).toEqual(["sent", "sent"])
      await messaging().setConsent({ email: "carol@example.com", topic: "all", status: "revoked", source: "test" })
      const [suppressed] = await send([email("cart-recovery:c2:1", "cart-reminder", "carol@example.com")])
      expect(suppressed.status).toBe("suppressed")

      const all = await get("/admin/retention/messages")
      expect(all.status).toBe(200)
      expect(all.data).toMatchObject({ count: 3, limit: 20, offset: 0 })
      expect(all.data.messages[0].to_email).toBe("carol@example.com")
      for (const m of all.data.messages) {
        expect(m).not.toHaveProperty("html")
        expect(m).not.toHaveProperty("text")
        expect(m).not.toHaveProperty("data")
        expect(m).toHaveProperty("status")
        expect(m).toHaveProperty("subject")
      }

      const emails = async (query: string) =>
        (await get(`/admin/retention/messages?${query}`)).data.messages.map((m: { to_email: string }) => m.to_email)
      expect(await emails("q=ALICE")).toEqual(["alice@example.com"])
      expect(await emails("q=example.com")).toHaveLength(3)
      // "%" is a literal character in the search, not a wildcard.
      expect(await emails("q=%25")).toEqual([])
      expect(await emails("topic=nps")).toEqual(["bob@example.com"])
      expect(await emails("status=suppressed")).toEqual(["carol@example.com"])
      expect((await emails("template=cart-reminder")).sort()).toEqual(["alice@example.com", "carol@example.com"])
      expect(await emails("customer_id=cus_alice")).toEqual(["alice@example.com"])
      expect(await emails(`created_after=${new Date(Date.now() + 3600_000).toISOString()}`)).toEqual([])
      expect(await emails("created_before=2000-01-01")).toEqual([])
      expect(await emails("created_after=2000-01-01&topic=cart_recovery&status=sent")).toEqual(["alice@example.com"])

      const page = await get("/admin/retention/messages?limit=2&offset=2")
      expect(page.data).toMatchObject({ count: 3, limit: 2, offset: 2 })
      expect(page.data.messages).toHaveLength(1)
      expect(page.data.messages[0].id).toBe(all.data.messages[2].id)

      for (const [query, field] of [
        ["limit=0", "limit"],
        ["limit=101", "limit"],
        ["limit=ten", "limit"],
        ["offset=-1", "offset"],
        ["status=lost", "status"],
        ["topic=spam", "topic"],
        ["created_after=yesterday", "created_after"],
        ["created_before=2026-13-45", "created_before"],
        ["colour=blue", "colour"],
      ]) {
        const bad = await get(`/admin/retention/messages?${query}`)
        expect({ query, status: bad.status }).toEqual({ query, status: 400 })
        expect(bad.data.message).toMatch(new RegExp(`^${field}:`))
      }
    })

    it("shows one message exactly as sent, with its events newest first", async () => {
      const [sent] = await send([email("cart-recovery:d1:1", "cart-reminder", "dana@example.com")])
      await messaging().recordProviderEvents([
        {
          sg_event_id: "evt-1",
          type: "delivered",
          message_id: sent.message_id,
          provider_message_id: null,
          occurred_at: new Date(Date.now() - 60_000),
          data: {},
        },
        {
          sg_event_id: "evt-2",
          type: "open",
          message_id: sent.message_id,
          provider_message_id: null,
          occurred_at: new Date(),
          data: {},
        },
      ])

      const res = await get(`/admin/retention/messages/${sent.message_id}`)
      expect(res.status).toBe(200)
      const [file] = (await outbox()).filter((f) => f.to === "dana@example.com")
      expect(res.data.message).toMatchObject({ id: sent.message_id, status: "opened", to_email: "dana@example.com" })
      expect(res.data.message.html).toBe(file.html)
      expect(res.data.message.subject).toBe(file.subject)
      expect(res.data.message.text).toContain("Linen Shirt")
      expect(res.data.message.data).toMatchObject({ customerName: "Ayşe" })
      expect(res.data.events.map((e: { type: string }) => e.type)).toEqual(["open", "delivered"])

      const missing = await get("/admin/retention/messages/rmsg_missing")
      expect(missing.status).toBe(404)
    })

    it("lists templates and reads one with its default, override and sample data", async () => {
      const list = await get("/admin/retention/templates")
      expect(list.status).toBe(200)
      const cart = list.data.templates.find((t: { name: string }) => t.name === "cart-reminder")
      expect(cart).toMatchObject({
        topic: "cart_recovery",
        category: "marketing",
        locales: [
          { locale: "en", overridden: false, version: null, updated_at: null },
          { locale: "tr", overridden: false, version: null, updated_at: null },
        ],
      })
      expect(list.data.templates.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(["cart-reminder", "nps-survey", "test-message"])
      )

      const one = await get("/admin/retention/templates/cart-reminder?locale=tr")
      expect(one.status).toBe(200)
      expect(one.data).toMatchObject({
        template: { name: "cart-reminder", topic: "cart_recovery" },
        locale: "tr",
        default: { subject: getTemplate("cart-reminder")?.subject.tr, mjml: getTemplate("cart-reminder")?.mjml },
        override: null,
        sample_data: { customerName: "Ayşe" },
      })

      expect((await get("/admin/retention/templates/no-such-email")).status).toBe(404)
      const badLocale = await get("/admin/retention/templates/cart-reminder?locale=xx")
      expect(badLocale.status).toBe(400)
      expect(badLocale.data.message).toMatch(/^locale:/)
    })

    it("previews with the store's brand and reports compile errors by part and line", async () => {
      await api.post("/admin/retention/settings/brand", { storeName: "Acme Coffee" }, { headers })
      const preview = await post("/admin/retention/templates/cart-reminder/preview", { locale: "en" })
      expect(preview.status).toBe(200)
      expect(preview.data.subject).toBe("Ayşe, your cart at Acme Coffee is waiting")
      expect(preview.data.html).toContain("Acme Coffee")
      expect(preview.data.html).toContain("<html")
      expect(preview.data.text).toContain("Linen Shirt")
      expect(preview.data.issues).toEqual([])

      const draft = await post("/admin/retention/templates/cart-reminder/preview", {
        locale: "en",
        subject: "Draft for {{customerName}} from {{brand.storeName}}",
      })
      expect(draft.data.subject).toBe("Draft for Ayşe from Acme Coffee")

      const broken = await post("/admin/retention/templates/cart-reminder/preview", {
        locale: "en",
        mjml: "<mjml>\n<mj-body>\n{{#if customerName}}\n</mj-body>\n</mjml>",
      })
      expect(broken.status).toBe(400)
      expect(broken.data.errors.length).toBeGreaterThan(0)
      expect(broken.data.errors[0]).toMatchObject({ part: "mjml", line: expect.any(Number) })

      const badBody = await post("/admin/retention/templates/cart-reminder/preview", { locale: "de" })
      expect(badBody.status).toBe(400)
      expect(badBody.data.message).toMatch(/^locale:/)
      const missingLocale = await post("/admin/retention/templates/cart-reminder/preview", {})
      expect(missingLocale.status).toBe(400)
      expect(missingLocale.data.message).toMatch(/^locale: is required/)
    })

    it("refuses a broken override and stores nothing", async () => {
      const broken = await post("/admin/retention/templates/cart-reminder/overrides/en", {
        mjml: "<mjml>\n<mj-body>\n<mj-section><mj-column><mj-text>{{#each items}}</mj-text></mj-column></mj-section>\n</mj-body>\n</mjml>",
      })
      expect(broken.status).toBe(400)
      expect(broken.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ part: "mjml" })]))

      // A marketing email without the footer (unsubscribe link, postal address) is refused too.
      const noFooter = await post("/admin/retention/templates/cart-reminder/overrides/en", {
        mjml: "<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>",
      })
      expect(noFooter.status).toBe(400)
      expect(noFooter.data.errors[0].message).toMatch(/footer/)

      const unknownVariable = await post("/admin/retention/templates/cart-reminder/overrides/en", {
        subject: "Hello {{nickname}}",
      })
      expect(unknownVariable.status).toBe(400)
      expect(unknownVariable.data.errors[0]).toMatchObject({ part: "variables" })

      for (const [body, field] of [
        [{}, "subject"],
        [{ subject: "x".repeat(301) }, "subject"],
        [{ subject: 42 }, "subject"],
        [{ subject: "Hi", html: "<p>" }, "html"],
      ] as const) {
        const bad = await post("/admin/retention/templates/cart-reminder/overrides/en", body)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(new RegExp(`^${field}:`))
      }
      // Over 200 KB: the default JSON body limit (100 KB) answers 413 before the route runs,
      // unless src/api/middlewares.ts raises it for this route; either way nothing is stored.
      const huge = await post("/admin/retention/templates/cart-reminder/overrides/en", { mjml: "x".repeat(200 * 1024 + 1) })
      expect([400, 413]).toContain(huge.status)
      expect((await post("/admin/retention/templates/cart-reminder/overrides/xx", { subject: "Hi" })).status).toBe(400)
      expect((await post("/admin/retention/templates/nope/overrides/en", { subject: "Hi" })).status).toBe(404)

      expect(await messaging().listTemplateOverrides({})).toHaveLength(0)
      const one = await get("/admin/retention/templates/cart-reminder?locale=en")
      expect(one.data.override).toBeNull()
    })

    it("uses a saved override in real sends until it is reset to the default", async () => {
      const saved = await post("/admin/retention/templates/cart-reminder/overrides/en", {
        subject: "{{customerName}}, come back to {{brand.storeName}}",
      })
      expect(saved.status).toBe(200)
      expect(saved.data.override).toMatchObject({
        template: "cart-reminder",
        locale: "en",
        version: 1,
        updated_by: userId,
        mjml: null,
      })

      const [first] = await send([email("cart-recovery:o1:1", "cart-reminder", "olga@example.com")])
      const [row] = await messaging().listMessages({ id: first.message_id })
      expect(row.subject).toBe("Ayşe, come back to Retention Demo Coffee")
      // Only English was overridden.
      const [turkish] = await send([email("cart-recovery:o2:1", "cart-reminder", "oya@example.com", { locales: ["tr"] })])
      const [trRow] = await messaging().listMessages({ id: turkish.message_id })
      expect(trRow.subject).toBe("Ayşe, sepetiniz sizi bekliyor")

      // A second save bumps the version and keeps the part it did not touch.
      const mjml = getTemplate("cart-reminder")?.mjml.replace("{{t.intro}}", "{{t.intro}} Edited by the merchant.")
      const again = await post("/admin/retention/templates/cart-reminder/overrides/en", { mjml })
      expect(again.status).toBe(200)
      expect(again.data.override).toMatchObject({
        version: 2,
        subject: "{{customerName}}, come back to {{brand.storeName}}",
      })
      // null hands one part back to the default; with both back, the override is gone.
      const subjectOnly = await post("/admin/retention/templates/cart-reminder/overrides/tr", {
        subject: "{{customerName}}, {{brand.storeName}} seni bekliyor",
        mjml: null,
      })
      expect(subjectOnly.data.override).toMatchObject({ version: 1, mjml: null })
      const backToDefault = await post("/admin/retention/templates/cart-reminder/overrides/tr", { subject: null })
      expect(backToDefault.status).toBe(200)
      expect(backToDefault.data.override).toBeNull()
      expect(await messaging().listTemplateOverrides({ locale: "tr" })).toHaveLength(0)

      const listed = await get("/admin/retention/templates")
      const cart = listed.data.templates.find((t: { name: string }) => t.name === "cart-reminder")
      expect(cart.locales[0]).toMatchObject({ locale: "en", overridden: true, version: 2 })
      expect(cart.locales[1]).toMatchObject({ locale: "tr", overridden: false })

      const [second] = await send([email("cart-recovery:o3:1", "cart-reminder", "otto@example.com")])
      const [secondRow] = await messaging().listMessages({ id: second.message_id })
      expect(secondRow.html).toContain("Edited by the merchant.")
      expect(secondRow.subject).toBe("Ayşe, come back to Retention Demo Coffee")

      // The preview shows the saved override when the editor sends no draft.
      const preview = await post("/admin/retention/templates/cart-reminder/preview", { locale: "en" })
      expect(preview.data.subject).toBe("Ayşe, come back to Retention Demo Coffee")

      const reset = await del("/admin/retention/templates/cart-reminder/overrides/en")
      expect(reset.status).toBe(200)
      expect(reset.data).toMatchObject({ id: again.data.override.id, deleted: true })
      const resetAgain = await del("/admin/retention/templates/cart-reminder/overrides/en")
      expect(resetAgain.status).toBe(200)
      expect(resetAgain.data).toMatchObject({ id: null, deleted: true })

      const [third] = await send([email("cart-recovery:o4:1", "cart-reminder", "oscar@example.com")])
      const [thirdRow] = await messaging().listMessages({ id: third.message_id })
      expect(thirdRow.subject).toBe("Ayşe, your cart at Retention Demo Coffee is waiting")
      expect(thirdRow.html).not.toContain("Edited by the merchant.")
      expect((await get("/admin/retention/templates/cart-reminder?locale=en")).data.override).toBeNull()
    })

    it("rewords a template's strings as fields without MJML, and keeps every save and reset with who did it", async () => {
      // Refused, nothing stored: a key the template lacks, unescaped output, a bad key shape.
      const unknownKey = await post("/admin/retention/templates/cart-reminder/overrides/en", { strings: { headline: "Hi" } })
      expect(unknownKey.status).toBe(400)
      expect(unknownKey.data.errors).toEqual([{ part: "strings", message: "t.headline: this template has no such string" }])
      const unescaped = await post("/admin/retention/templates/cart-reminder/overrides/en", { strings: { cta: "{{{recoveryUrl}}}" } })
      expect(unescaped.status).toBe(400)
      expect(unescaped.data.message).toMatch(/^strings: t\.cta: unescaped/)
      const badKey = await post("/admin/retention/templates/cart-reminder/overrides/en", { strings: { "heading;drop": "x" } })
      expect(badKey.status).toBe(400)
      expect(badKey.data.message).toMatch(/^strings/)
      expect(await messaging().listTemplateOverrides({})).toHaveLength(0)
      expect(await messaging().listTemplateOverrideVersions({})).toHaveLength(0)

      // The preview shows a draft wording before it is saved.
      const draft = await post("/admin/retention/templates/cart-reminder/preview", { locale: "en", strings: { cta: "Finish my order" } })
      expect(draft.data.html).toContain("Finish my order")

      const saved = await post("/admin/retention/templates/cart-reminder/overrides/en", {
        strings: { heading: "Still thinking it over, {{greetingName}}?", cta: "Finish my order" },
      })
      expect(saved.status).toBe(200)
      expect(saved.data.override).toMatchObject({ version: 1, subject: null, mjml: null, strings: { cta: "Finish my order" } })
      const detail = await get("/admin/retention/templates/cart-reminder?locale=en")
      expect(detail.data.override.strings).toEqual({ heading: "Still thinking it over, {{greetingName}}?", cta: "Finish my order" })
      expect(detail.data.strings.cta).toBe("Return to your cart")

      const [sent] = await send([email("cart-recovery:w1:1", "cart-reminder", "wanda@example.com")])
      const [row] = await messaging().listMessages({ id: sent.message_id })
      expect(row.html).toContain("Still thinking it over, Ayşe?")
      expect(row.html).toContain("Finish my order")
      expect(row.html).not.toContain("Return to your cart")
      expect(row.text).toContain("Finish my order")

      // A subject save keeps the wording; an empty set of strings hands them back to the shipped text.
      expect((await post("/admin/retention/templates/cart-reminder/overrides/en", { subject: "Your cart misses you" })).data.override).toMatchObject({
        version: 2,
        strings: { cta: "Finish my order" },
      })
      expect((await post("/admin/retention/templates/cart-reminder/overrides/en", { strings: {} })).data.override).toMatchObject({ version: 3, strings: null })
      expect((await del("/admin/retention/templates/cart-reminder/overrides/en")).status).toBe(200)

      const history = await get("/admin/retention/templates/cart-reminder/overrides/en/history")
      expect(history.status).toBe(200)
      expect(history.data.count).toBe(4)
      expect(history.data.versions.map((v: { action: string; version: number }) => `${v.action}:${v.version}`)).toEqual([
        "reset:0",
        "save:3",
        "save:2",
        "save:1",
      ])
      expect(history.data.versions[3]).toMatchObject({
        strings: { heading: "Still thinking it over, {{greetingName}}?", cta: "Finish my order" },
        saved_by: userId,
        saved_by_email: expect.stringContaining("@"),
      })
      const page = await get("/admin/retention/templates/cart-reminder/overrides/en/history?limit=1&offset=1")
      expect(page.data.versions.map((v: { version: number }) => v.version)).toEqual([3])
      expect((await get("/admin/retention/templates/cart-reminder/overrides/en/history?limit=0")).status).toBe(400)
      expect((await get("/admin/retention/templates/cart-reminder/overrides/tr/history")).data.count).toBe(0)
      expect((await settle(api.get("/admin/retention/templates/cart-reminder/overrides/en/history"))).status).toBe(401)
    })

    it("sends a test email to the admin through the outbox", async () => {
      const res = await post("/admin/retention/templates/nps-survey/send-test", { to: "Me@Example.com", locale: "tr" })
      expect(res.status).toBe(200)
      expect(res.data.result).toMatchObject({ status: "sent", duplicate: false })
      expect(res.data.result.idempotency_key).toMatch(/^test:nps-survey:tr:[0-9a-f-]{36}$/)

      const files = (await outbox()).filter((f) => f.to === "me@example.com")
      expect(files).toHaveLength(1)
      expect(files[0]).toMatchObject({ template: "nps-survey", subject: "Retention Demo Coffee: siparişinizle ilgili kısa bir soru" })
      // The outbox is one of the plugin's providers: called directly, and the log says so.
      const listed = await get(`/admin/retention/messages?q=me@example.com`)
      expect(listed.data.messages[0]).toMatchObject({ provider_id: "retention-outbox", dispatch: "direct" })

      // A test send is transactional: an address that revoked all marketing still gets it.
      await messaging().setConsent({ email: "me@example.com", topic: "all", status: "revoked", source: "test" })
      const second = await post("/admin/retention/templates/nps-survey/send-test", { to: "me@example.com", locale: "en" })
      expect(second.data.result.status).toBe("sent")
      expect((await outbox()).filter((f) => f.to === "me@example.com")).toHaveLength(2)

      const bad = await post("/admin/retention/templates/nps-survey/send-test", { to: "not-an-address", locale: "en" })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/^to:/)
      expect((await post("/admin/retention/templates/nope/send-test", { to: "me@example.com", locale: "en" })).status).toBe(404)
    })

    it("reads and records consent for an address, logged as the admin", async () => {
      const empty = await get("/admin/retention/consent?email=Pat@Example.com")
      expect(empty.status).toBe(200)
      expect(empty.data).toEqual({ email: "pat@example.com", consents: [], log: [], suppressions: [] })

      const revoked = await post("/admin/retention/consent", {
        email: "Pat@Example.com",
        topic: "cart_recovery",
        status: "revoked",
        note: "asked by phone",
      })
      expect(revoked.status).toBe(200)
      expect(revoked.data.consents).toMatchObject([{ topic: "cart_recovery", status: "revoked", source: "admin" }])
      await post("/admin/retention/consent", { email: "pat@example.com", topic: "all", status: "granted" })
      await messaging().addSuppression({ email: "pat@example.com", reason: "hard_bounce", source: "test" })

      const state = await get("/admin/retention/consent?email=pat@example.com")
      expect(state.data.consents.map((c: { topic: string }) => c.topic).sort()).toEqual(["all", "cart_recovery"])
      expect(state.data.log).toMatchObject([
        { topic: "all", status: "granted", source: "admin", reference: userId },
        { topic: "cart_recovery", status: "revoked", source: "admin", reference: userId },
      ])
      expect(state.data.suppressions).toMatchObject([{ reason: "hard_bounce" }])

      // The admin's revocation is what the send policy obeys.
      const [suppressed] = await send([email("cart-recovery:p1:1", "cart-reminder", "pat@example.com")])
      expect(suppressed.status).toBe("suppressed")

      const badQuery = await get("/admin/retention/consent?email=nope")
      expect(badQuery.status).toBe(400)
      expect(badQuery.data.message).toMatch(/^email:/)
      expect((await get("/admin/retention/consent")).data.message).toMatch(/^email: is required/)
      for (const [body, field] of [
        [{ email: "pat@example.com", topic: "system", status: "revoked" }, "topic"],
        [{ email: "pat@example.com", topic: "nps", status: "maybe" }, "status"],
        [{ email: "pat", topic: "nps", status: "granted" }, "email"],
      ] as const) {
        const bad = await post("/admin/retention/consent", body)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(new RegExp(`^${field}:`))
      }
    })

    it("Consent page: blocks and lifts addresses with a reason, searches, exports CSV, and logs who did what", async () => {
      const anonymous = (p: Promise<Response>) => settle(p).then((r) => r.status)
      expect(await anonymous(api.get("/admin/retention/consent/suppressions"))).toBe(401)
      expect(await anonymous(api.get("/admin/retention/consent/log"))).toBe(401)
      expect(await anonymous(api.post("/admin/retention/consent/suppressions", { email: "x@example.com" }))).toBe(401)

      const bad = await post("/admin/retention/consent/suppressions", { email: "not-an-address" })
      expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/^email: /)])
      const added = await post("/admin/retention/consent/suppressions", { email: " Blocked.Person@Example.com ", note: "=HYPERLINK(\"x\") asked by phone" })
      expect(added.status).toBe(200)
      expect(added.data).toMatchObject({ created: true, suppression: { email: "blocked.person@example.com", reason: "manual", source: "admin" } })
      // Twice: still one block, one log entry.
      expect((await post("/admin/retention/consent/suppressions", { email: "blocked.person@example.com" })).data.created).toBe(false)
      await messaging().addSuppression({ email: "bounced@example.com", reason: "hard_bounce", source: "sendgrid" })

      const found = await get("/admin/retention/consent/suppressions?q=BLOCKED.per")
      expect(found.data).toMatchObject({ count: 1, suppressions: [expect.objectContaining({ email: "blocked.person@example.com" })] })
      const bounces = await get("/admin/retention/consent/suppressions?reason=hard_bounce")
      expect(bounces.data.suppressions.map((r: { email: string }) => r.email)).toEqual(["bounced@example.com"])
      // A "%" in the search is a character, not a wildcard.
      expect((await get("/admin/retention/consent/suppressions?q=%25")).data.count).toBe(0)
      expect((await get("/admin/retention/consent/suppressions?limit=0")).status).toBe(400)

      const csv = await get("/admin/retention/consent/suppressions?format=csv&q=example.com")
      expect(csv.headers["content-type"]).toMatch(/^text\/csv/)
      const lines = String(csv.data).trim().split("\r\n")
      expect(lines[0]).toBe("email,reason,source,message_id,created_at")
      expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(
        expect.arrayContaining(["blocked.person@example.com,manual,admin", "bounced@example.com,hard_bounce,sendgrid"])
      )

      const bounce = bounces.data.suppressions[0]
      const noReason = await settle(api.delete(`/admin/retention/consent/suppressions/${bounce.id}`, { headers, data: {} }))
      expect([noReason.status, noReason.data.message]).toEqual([400, "note: is required"])
      const lifted = await settle(api.delete(`/admin/retention/consent/suppressions/${bounce.id}`, { headers, data: { note: "customer fixed the typo" } }))
      expect(lifted.data).toMatchObject({ deleted: true, email: "bounced@example.com", reason: "hard_bounce" })
      const again = await settle(api.delete(`/admin/retention/consent/suppressions/${bounce.id}`, { headers, data: { note: "again" } }))
      expect(again.status).toBe(404)
      expect((await get("/admin/retention/consent/suppressions?reason=hard_bounce")).data.count).toBe(0)

      const log = await get("/admin/retention/consent/log?q=example.com")
      const rows = log.data.entries.map((e: Record<string, unknown>) => [e.email, e.topic, e.status, e.source, e.reference, e.note])
      expect(rows).toEqual([
        ["bounced@example.com", "suppression:hard_bounce", "granted", "admin", userId, "customer fixed the typo"],
        ["blocked.person@example.com", "suppression:manual", "revoked", "admin", userId, "=HYPERLINK(\"x\") asked by phone"],
      ])
      // The export defuses a note a spreadsheet would run as a formula.
      const logCsv = String((await get("/admin/retention/consent/log?format=csv&topic=suppression:manual")).data)
      expect(logCsv).toContain(`"'=HYPERLINK(""x"") asked by phone"`)
    })

    it("serves the customer widget: consent, suppressions and latest messages", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const customer = await customers.createCustomers({ email: "Quinn@Example.com", first_name: "Quinn" })
      await send([
        email("cart-recovery:q1:1", "cart-reminder", "quinn@example.com", { customer_id: customer.id }),
        // Sent by address only (a guest cart): still this customer's mail.
        email("nps:q2", "nps-survey", "quinn@example.com"),
        email("nps:other", "nps-survey", "someone-else@example.com"),
      ])
      await messaging().setConsent({ email: "quinn@example.com", topic: "nps", status: "revoked", source: "test" })
      await messaging().addSuppression({ email: "quinn@example.com", reason: "manual", source: "test" })

      const res = await get(`/admin/retention/customers/${customer.id}/messaging`)
      expect(res.status).toBe(200)
      expect(res.data.email).toBe("quinn@example.com")
      expect(res.data.consents).toMatchObject([{ topic: "nps", status: "revoked", source: "test" }])
      expect(res.data.suppressions).toMatchObject([{ reason: "manual" }])
      expect(res.data.messages.map((m: { template: string }) => m.template).sort()).toEqual([
        "cart-reminder",
        "nps-survey",
      ])
      expect(res.data.messages[0]).not.toHaveProperty("html")

      expect((await get("/admin/retention/customers/cus_missing/messaging")).status).toBe(404)
    })

    it("lists active deliverability pauses and resumes one", async () => {
      const [pause] = await messaging().createSendPauses([
        { scope: "topic:nps", reason: "spam complaint rate 1.00% passed 0.30%", complaint_rate: 0.01, sample_size: 300 },
      ])
      await messaging().createSendPauses([{ scope: "topic:loyalty", reason: "old", resumed_at: new Date(), resumed_by: "x" }])

      const active = await get("/admin/retention/pauses")
      expect(active.status).toBe(200)
      expect(active.data.pauses).toMatchObject([{ id: pause.id, scope: "topic:nps", resumed_at: null }])

      const [blocked] = await send([email("nps:r1", "nps-survey", "rita@example.com")])
      expect(blocked).toMatchObject({ status: "suppressed", reason: "paused:topic:nps" })

      const resumed = await post(`/admin/retention/pauses/${pause.id}/resume`)
      expect(resumed.status).toBe(200)
      expect(resumed.data.pause).toMatchObject({ id: pause.id, resumed_by: userId })
      expect(resumed.data.pause.resumed_at).not.toBeNull()
      const again = await post(`/admin/retention/pauses/${pause.id}/resume`)
      expect(again.data.pause.resumed_at).toBe(resumed.data.pause.resumed_at)

      expect((await get("/admin/retention/pauses")).data.pauses).toEqual([])
      const [sent] = await send([email("nps:r2", "nps-survey", "rita@example.com")])
      expect(sent.status).toBe("sent")
      expect((await post("/admin/retention/pauses/rpau_missing/resume")).status).toBe(404)
    })

    it("previews a template on a real cart, order or customer, and names an unknown one", async () => {
      const container = getContainer()
      await seedDemoStore(container, { log: () => undefined })
      const query = container.resolve("query")
      const { data: carts } = await query.graph({
        entity: "cart",
        fields: ["id", "email", "completed_at", "items.product_title", "items.quantity", "items.unit_price"],
      })
      const cart = carts.find((c: { completed_at: unknown; items: unknown[] }) => !c.completed_at && c.items?.length)
      expect(cart).toBeDefined()

      const onCart = await post("/admin/retention/templates/cart-reminder/preview", {
        locale: "en",
        source: { type: "cart", id: cart.id },
      })
      expect(onCart.status).toBe(200)
      for (const item of cart.items) expect(onCart.data.text).toContain(item.product_title)
      expect(onCart.data.text).not.toContain("Linen Shirt")

      const { data: orders } = await query.graph({ entity: "order", fields: ["id", "display_id"] })
      const onOrder = await post("/admin/retention/templates/nps-survey/preview", {
        locale: "en",
        source: { type: "order", id: orders[0].id },
      })
      expect(onOrder.status).toBe(200)
      expect(onOrder.data.text).toContain(String(orders[0].display_id))

      const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "first_name"] })
      const named = customers.find((c: { first_name: string | null }) => c.first_name)
      const onCustomer = await post("/admin/retention/templates/loyalty-points-earned/preview", {
        locale: "en",
        source: { type: "customer", id: named.id },
      })
      expect(onCustomer.status).toBe(200)
      expect(onCustomer.data.text).toContain(named.first_name)

      const missing = await post("/admin/retention/templates/cart-reminder/preview", {
        locale: "en",
        source: { type: "cart", id: "cart_missing" },
      })
      expect(missing.status).toBe(404)
      expect(missing.data.message).toMatch(/^source\.id: no cart/)
      const badType = await post("/admin/retention/templates/cart-reminder/preview", {
        locale: "en",
        source: { type: "product", id: "x" },
      })
      expect(badType.status).toBe(400)
      expect(badType.data.message).toMatch(/^source\.type/)
    })
  },
})
