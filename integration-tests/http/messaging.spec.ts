// The messaging core through the real app: send workflow → SendGrid provider → a local HTTP
// server standing in for SendGrid (the real @sendgrid/mail client, faked only at the network).
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import request from "supertest"
import { getTemplate } from "../../src/emails"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { sendRetentionEmailsWorkflow } from "../../src/workflows/messaging/send-retention-emails"
import type { SendEmailInput } from "../../src/workflows/messaging/types"
import { ScriptedReply } from "../../src/providers/sendgrid-marketing/__tests__/fake-sendgrid-server"
import { createAdminAndLogin } from "../helpers/admin"
import { useFakeSendgrid, webhookKeys } from "../helpers/sendgrid"

jest.setTimeout(180_000)

const script: ScriptedReply[] = []
const keys = webhookKeys()
const sendgrid = useFakeSendgrid(script, { SENDGRID_WEBHOOK_PUBLIC_KEY: keys.publicKeyBase64 })

type SentBody = {
  personalizations: { to: { email: string }[] }[]
  subject: string
  content: { type: string; value: string }[]
  headers?: Record<string, string>
  categories?: string[]
  custom_args?: Record<string, string>
}

const cartData = () => getTemplate("cart-reminder")?.sampleData as Record<string, unknown>

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const send = (messages: SendEmailInput[]) =>
      sendRetentionEmailsWorkflow(getContainer()).run({ input: { messages } }).then((r) => r.result)
    const cartEmail = (key: string, to: string, extra: Partial<SendEmailInput> = {}): SendEmailInput => ({
      idempotency_key: key,
      template: "cart-reminder",
      to,
      data: cartData(),
      ...extra,
    })
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)
    const requestsTo = (email: string) =>
      sendgrid.requests.filter((r) => (r.body as SentBody).personalizations?.[0]?.to?.[0]?.email === email)

    beforeEach(async () => {
      script.length = 0
      ;({ headers } = await createAdminAndLogin(getContainer(), api))
      // Quiet hours depend on the clock; tests that need them turn them on explicitly.
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers })
    })

    it("sends a marketing email once per key with HTML, text, unsubscribe headers and correlation args", async () => {
      const [first] = await send([cartEmail("cart-recovery:cart_1:1", "Ayse@Example.com", { locales: ["tr-TR"] })])
      expect(first).toMatchObject({ status: "sent", duplicate: false })

      const sent = requestsTo("ayse@example.com")
      expect(sent).toHaveLength(1)
      const body = sent[0].body as SentBody
      expect(sent[0].headers.authorization).toBe("Bearer SG.test-key")
      expect(body.content.map((c) => c.type)).toEqual(["text/plain", "text/html"])
      expect(body.content[1].value).toContain("<html")
      expect(body.content[0].value).not.toContain("<td")
      expect(body.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click")
      expect(body.headers?.["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:\d+\/retention\/unsubscribe\?token=.+>$/)
      expect(body.custom_args?.retention_message_id).toBe(first.message_id)
      expect(JSON.stringify(body.custom_args)).not.toContain("@")
      expect(body.categories).toEqual(expect.arrayContaining(["retention", "cart_recovery"]))

      const [row] = await messaging().listMessages({ id: first.message_id })
      expect(row.status).toBe("sent")
      expect(row.locale).toBe("tr")
      expect(row.provider_message_id).toMatch(/^msg-/)
      expect(row.html).toBe(body.content[1].value)
      // Straight to the provider the store registered for the plugin's channel: the message log
      // is the record, the Notification Module writes none.
      expect(row).toMatchObject({ dispatch: "direct", provider_id: "retention-sendgrid" })
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const records = await pg.raw(`select id from notification where idempotency_key = ?`, [first.message_id])
      expect(records.rows).toHaveLength(0)

      // The same key again, sequentially and concurrently: nothing more goes out.
      const again = await send([cartEmail("cart-recovery:cart_1:1", "ayse@example.com")])
      expect(again[0]).toMatchObject({ status: "sent", duplicate: true, message_id: first.message_id })
      await Promise.all(Array.from({ length: 5 }, () => send([cartEmail("cart-recovery:cart_1:1", "ayse@example.com")])))
      expect(requestsTo("ayse@example.com")).toHaveLength(1)
    })

    it("sends at most once when many workers race on a brand-new key", async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => send([cartEmail("cart-recovery:race:1", "race@example.com")]))
      )
      expect(requestsTo("race@example.com")).toHaveLength(1)
      expect(results.flat().filter((r) => r.status === "sent" && !r.duplicate)).toHaveLength(1)
    })

    it("unsubscribes through the link: GET changes nothing, one-click POST stops the topic, forged tokens are refused", async () => {
      const [first] = await send([cartEmail("cart-recovery:u:1", "bob@example.com")])
      const listUnsubscribe = (requestsTo("bob@example.com")[0].body as SentBody).headers?.["List-Unsubscribe"] ?? ""
      const url = new URL(listUnsubscribe.slice(1, -1))
      const path = `${url.pathname}${url.search}`
      const token = url.searchParams.get("token") ?? ""

      const pageRes = await api.get(path)
      expect(pageRes.status).toBe(200)
      expect(pageRes.data).toContain("b***@example.com")
      expect(await messaging().listConsents({ email: "bob@example.com" })).toHaveLength(0)

      const forged = token.slice(0, -3) + (token.endsWith("AAA") ? "BBB" : "AAA")
      const bad = await request(api.defaults.baseURL)
        .post(`/retention/unsubscribe?token=${encodeURIComponent(forged)}`)
        .type("form")
        .send("List-Unsubscribe=One-Click")
      expect(bad.status).toBe(400)
      expect(await messaging().listConsents({ email: "bob@example.com" })).toHaveLength(0)

      const oneClick = await request(api.defaults.baseURL).post(path).type("form").send("List-Unsubscribe=One-Click")
      expect(oneClick.status).toBe(200)
      const consents = await messaging().listConsents({ email: "bob@example.com" })
      expect(consents).toMatchObject([{ topic: "cart_recovery", status: "revoked", source: "one_click" }])
      const log = await messaging().listConsentLogs({ email: "bob@example.com" })
      expect(log).toMatchObject([{ reference: first.message_id, status: "revoked" }])

      // Marketing on that topic is now suppressed; another topic and transactional mail still go.
      const [suppressed] = await send([cartEmail("cart-recovery:u:2", "bob@example.com")])
      expect(suppressed).toMatchObject({ status: "suppressed", reason: "unsubscribed:cart_recovery" })
      const [transactional] = await send([
        {
          idempotency_key: "replenishment:sub_1:2026-12-01",
          template: "replenishment-reminder",
          to: "bob@example.com",
          data: getTemplate("replenishment-reminder")?.sampleData as Record<string, unknown>,
        },
      ])
      expect(transactional.status).toBe("sent")
      expect(requestsTo("bob@example.com")).toHaveLength(2)

      // "Unsubscribe from everything" from the page's form.
      const all = await request(api.defaults.baseURL).post("/retention/unsubscribe").type("form").send({ token, scope: "all" })
      expect(all.status).toBe(200)
      const [nps] = await send([
        {
          idempotency_key: "nps:order_1",
          template: "nps-survey",
          to: "bob@example.com",
          data: getTemplate("nps-survey")?.sampleData as Record<string, unknown>,
        },
      ])
      expect(nps).toMatchObject({ status: "suppressed", reason: "unsubscribed:all" })
    })

    it("applies consent policy, frequency caps and quiet hours before sending", async () => {
      await api.post("/admin/retention/settings/consent", { policy: "opt_in", maxMarketingPerDay: 1 }, { headers })
      const [noConsent] = await send([cartEmail("cart-recovery:p:1", "carol@example.com")])
      expect(noConsent).toMatchObject({ status: "suppressed", reason: "no_consent" })

      await messaging().setConsent({ email: "carol@example.com", topic: "cart_recovery", status: "granted", source: "test" })
      const [granted] = await send([cartEmail("cart-recovery:p:2", "carol@example.com")])
      expect(granted.status).toBe("sent")

      const [capped] = await send([cartEmail("cart-recovery:p:3", "carol@example.com")])
      expect(capped).toMatchObject({ status: "deferred", reason: "frequency_cap:day" })
      expect(new Date(capped.deferred_until ?? 0).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000)

      // Quiet hours around "now" in the store's time zone (UTC).
      const hh = (offsetHours: number) => {
        const d = new Date(Date.now() + offsetHours * 3600_000)
        return `${String(d.getUTCHours()).padStart(2, "0")}:00`
      }
      await api.post(
        "/admin/retention/settings/consent",
        { policy: "opt_out", maxMarketingPerDay: 5, quietHoursEnabled: true, quietHoursStart: hh(-1), quietHoursEnd: hh(2) },
        { headers }
      )
      const [quiet] = await send([cartEmail("cart-recovery:p:4", "dave@example.com")])
      expect(quiet).toMatchObject({ status: "deferred", reason: "quiet_hours" })
      expect(requestsTo("dave@example.com")).toHaveLength(0)
    })

    it("the frequency cap gives way by priority: informational loyalty emails never hold back a survey or a cart reminder", async () => {
      await api.post("/admin/retention/settings/consent", { policy: "opt_out", maxMarketingPerDay: 1, quietHoursEnabled: false }, { headers })
      const to = "prio@example.com"
      const sample = (template: string, key: string): SendEmailInput => ({
        idempotency_key: key,
        template,
        to,
        data: getTemplate(template)?.sampleData as Record<string, unknown>,
      })
      // "Points earned" (low) goes first and fills the day's cap of 1 for low-priority mail.
      const [earned] = await send([sample("loyalty-points-earned", "prio:earned")])
      expect(earned.status).toBe("sent")
      // The survey (high) counts only high-priority sends: it goes.
      const [survey] = await send([sample("nps-survey", "prio:survey")])
      expect(survey.status).toBe("sent")
      // Now a cart reminder (high) counts the survey: the cap holds it back.
      const [cart] = await send([cartEmail("prio:cart", to)])
      expect(cart).toMatchObject({ status: "deferred", reason: "frequency_cap:day" })
      // Another informational email counts everything sent today.
      const [available] = await send([sample("loyalty-points-available", "prio:available")])
      expect(available).toMatchObject({ status: "deferred", reason: "frequency_cap:day" })
      expect(requestsTo(to)).toHaveLength(2)
    })

    it("records SendGrid's 4xx as a permanent failure and retries 429 until it is accepted", async () => {
      script.push(...sendgrid.requests.map(() => ({ status: 202 }) as ScriptedReply))
      script.push({ status: 400, body: { errors: [{ message: "The from address does not match a verified Sender Identity." }] } })
      const [rejected] = await send([cartEmail("cart-recovery:f:1", "erin@example.com")])
      expect(rejected.status).toBe("failed")
      const [row] = await messaging().listMessages({ id: rejected.message_id })
      expect(row.last_error).toContain("verified Sender Identity")
      expect(requestsTo("erin@example.com")).toHaveLength(1)

      script.push({ status: 429, headers: { "Retry-After": "0" } }, { status: 202, headers: { "X-Message-Id": "after-429" } })
      const [retried] = await send([cartEmail("cart-recovery:f:2", "frank@example.com")])
      expect(retried.status).toBe("sent")
      expect(requestsTo("frank@example.com")).toHaveLength(2)
    })

    it("settles a message left mid-send by a dead process instead of resending it blindly", async () => {
      const m = messaging()
      await m.ensureMessages([
        { idempotency_key: "crash:1", topic: "cart_recovery", category: "marketing", template: "cart-reminder", locale: "en", to_email: "gina@example.com", data: cartData() },
        { idempotency_key: "crash:2", topic: "cart_recovery", category: "marketing", template: "cart-reminder", locale: "en", to_email: "hank@example.com", data: cartData() },
      ])
      await m.ensureMessages([
        { idempotency_key: "crash:3", topic: "cart_recovery", category: "marketing", template: "cart-reminder", locale: "en", to_email: "iris@example.com", data: cartData() },
      ])
      const rows = await m.listMessages({ idempotency_key: ["crash:1", "crash:2", "crash:3"] })
      const hank = rows.find((r) => r.idempotency_key === "crash:2")
      // Sent through createNotifications: crash:1 died before calling the provider (no
      // notification record); crash:2 died during the provider call (the Notification Module's
      // record is still pending). crash:3 was handed to the provider directly, so no record
      // can tell whether it went.
      await m.updateMessages(
        rows.map((r) => ({
          id: r.id,
          status: "sending" as const,
          sending_started_at: new Date(Date.now() - 3600_000),
          attempts: 1,
          dispatch: r.idempotency_key === "crash:3" ? ("direct" as const) : ("notification_module" as const),
        }))
      )
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `insert into notification (id, "to", channel, template, idempotency_key, status, provider_id, created_at, updated_at)
         values ('noti_test_pending', 'hank@example.com', 'retention_email', 'cart-reminder', ?, 'pending', 'retention-sendgrid', now(), now())`,
        [hank?.id ?? ""]
      )
      const results = await send([
        cartEmail("crash:1", "gina@example.com"),
        cartEmail("crash:2", "hank@example.com"),
        cartEmail("crash:3", "iris@example.com"),
      ])
      expect(results.find((r) => r.idempotency_key === "crash:1")?.status).toBe("sent")
      expect(results.find((r) => r.idempotency_key === "crash:2")).toMatchObject({ status: "unknown" })
      expect(results.find((r) => r.idempotency_key === "crash:3")).toMatchObject({ status: "unknown" })
      expect(requestsTo("gina@example.com")).toHaveLength(1)
      expect(requestsTo("hank@example.com")).toHaveLength(0)
      expect(requestsTo("iris@example.com")).toHaveLength(0)
    })

    it("takes signed SendGrid webhook batches once, rejects forged ones, and suppresses bounces", async () => {
      const [sent] = await send([cartEmail("cart-recovery:w:1", "ivy@example.com")])
      const [row] = await messaging().listMessages({ id: sent.message_id })
      const now = Math.floor(Date.now() / 1000)
      const batch = JSON.stringify([
        { email: "ivy@example.com", event: "delivered", sg_event_id: "ev-1", sg_message_id: `${row.provider_message_id}.filter001`, timestamp: now, retention_message_id: sent.message_id },
        { email: "ivy@example.com", event: "open", sg_event_id: "ev-2", sg_message_id: `${row.provider_message_id}.filter001`, timestamp: now, retention_message_id: sent.message_id },
        { email: "ivy@example.com", event: "bounce", type: "bounce", sg_event_id: "ev-3", timestamp: now, retention_message_id: sent.message_id, reason: "550 mailbox unavailable" },
      ])
      const post = (body: string, ts: string, signature: string) =>
        request(api.defaults.baseURL)
          .post("/retention/webhooks/sendgrid")
          .set("content-type", "application/json")
          .set("X-Twilio-Email-Event-Webhook-Timestamp", ts)
          .set("X-Twilio-Email-Event-Webhook-Signature", signature)
          .send(body)

      const forged = await post(batch.replace("delivered", "click"), String(now), keys.sign(String(now), batch))
      expect(forged.status).toBe(401)
      expect(await messaging().listMessageEvents({ message_id: sent.message_id })).toHaveLength(0)

      const old = String(now - 3600)
      expect((await post(batch, old, keys.sign(old, batch))).status).toBe(401)

      const ok = await post(batch, String(now), keys.sign(String(now), batch))
      expect(ok.status).toBe(200)
      expect(ok.body).toMatchObject({ recorded: 3, duplicates: 0, suppressions: 1 })
      const again = await post(batch, String(now), keys.sign(String(now), batch))
      expect(again.body).toMatchObject({ recorded: 0, duplicates: 3, suppressions: 0 })
      expect(await messaging().listMessageEvents({ message_id: sent.message_id })).toHaveLength(3)

      const suppressions = await messaging().listSuppressions({ email: "ivy@example.com" })
      expect(suppressions).toMatchObject([{ reason: "hard_bounce" }])
      const [after] = await send([cartEmail("cart-recovery:w:2", "ivy@example.com")])
      expect(after).toMatchObject({ status: "suppressed", reason: "suppressed:hard_bounce" })
    })

    it("lets a logged-in customer read and change only their own preferences", async () => {
      const container = getContainer()
      const [key] = await container.resolve(Modules.API_KEY).createApiKeys([
        { title: "test storefront", type: "publishable", created_by: "test" },
      ])
      const store = { "x-publishable-api-key": key.token }
      const customer = async (email: string) => {
        const reg = await api.post("/auth/customer/emailpass/register", { email, password: "Passw0rd!" })
        await api.post("/store/customers", { email }, { headers: { ...store, authorization: `Bearer ${reg.data.token}` } })
        const login = await api.post("/auth/customer/emailpass", { email, password: "Passw0rd!" })
        return { ...store, authorization: `Bearer ${login.data.token}` }
      }
      const jane = await customer("jane@example.com")
      const joe = await customer("joe@example.com")

      const anonymous = await api.get("/store/retention/preferences", { headers: store }).catch((e: { response: unknown }) => e.response)
      expect(anonymous.status).toBe(401)

      const initial = await api.get("/store/retention/preferences", { headers: jane })
      expect(initial.data.preferences).toMatchObject({ email: "jane@example.com", policy: "opt_out", all: true })
      expect(initial.data.preferences.topics.nps).toBe(true)

      const changed = await api.post("/store/retention/preferences", { topics: { nps: false } }, { headers: jane })
      expect(changed.data.preferences.topics).toMatchObject({ nps: false, cart_recovery: true })
      expect(await messaging().listConsents({ email: "jane@example.com" })).toMatchObject([
        { topic: "nps", status: "revoked", source: "preferences" },
      ])

      // Joe's view is his own and unaffected; there is no way to name another address.
      const joes = await api.get("/store/retention/preferences", { headers: joe })
      expect(joes.data.preferences).toMatchObject({ email: "joe@example.com" })
      expect(joes.data.preferences.topics.nps).toBe(true)
      const sneaky = await api
        .post("/store/retention/preferences", { email: "jane@example.com", topics: { nps: true } }, { headers: joe })
        .catch((e: { response: unknown }) => e.response)
      expect(sneaky.status).toBe(400)
      const bad = await api
        .post("/store/retention/preferences", { topics: { nps: "yes" } }, { headers: jane })
        .catch((e: { response: unknown }) => e.response)
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/nps/)
    })
  },
})
