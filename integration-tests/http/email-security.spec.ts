// Findings of the outside security review (issue #12) on the email side, through the real app:
// merchant MJML cannot read files on the server, and the brand's sender saved in the admin is
// the sender SendGrid receives (the stand-in server records each request).
import { retentionTestRunner } from "../helpers/runner"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { getTemplate } from "../../src/emails"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { sendRetentionEmailsWorkflow } from "../../src/workflows/messaging/send-retention-emails"
import { createAdminAndLogin } from "../helpers/admin"
import { settle } from "../helpers/outbox"
import { useFakeSendgrid } from "../helpers/sendgrid"

jest.setTimeout(180_000)

const sendgrid = useFakeSendgrid([])

const SECRET = "STORE_SECRET_9d41b7"
let dir = ""
let secretFile = ""
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "retention-email-security-"))
  secretFile = join(dir, ".env")
  // "{{{{" made Handlebars fail on the included text and quote it in the error.
  writeFileSync(secretFile, `${SECRET}=hunter2 {{{{raw}}}}\n`)
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

type SentBody = {
  personalizations: { to: { email: string }[] }[]
  from: { email: string; name?: string }
  content?: { type: string; value: string }[]
  headers?: Record<string, string>
}

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const post = (url: string, body?: unknown) => settle(api.post(url, body, { headers }))
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(getContainer(), api))
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers })
    })

    const withInclude = (include: string) =>
      (getTemplate("cart-reminder")?.mjml ?? "").replace("<mj-body", `${include}\n<mj-body`)

    it("refuses mj-include in a preview and in a saved override, quoting nothing of the file and saving nothing", async () => {
      for (const include of [
        `<mj-include path="${secretFile}" type="html" />`,
        `<mj-include path="${secretFile}" />`,
        `<MJ-INCLUDE path="${secretFile}" type="css" />`,
      ]) {
        const preview = await post("/admin/retention/templates/cart-reminder/preview", {
          locale: "en",
          mjml: withInclude(include),
        })
        expect(preview.status).toBe(400)
        expect(preview.data.message).toMatch(/mjml: mj-include is not allowed/)
        expect(JSON.stringify(preview.data)).not.toContain(SECRET)

        const saved = await post("/admin/retention/templates/cart-reminder/overrides/en", {
          mjml: withInclude(include),
        })
        expect(saved.status).toBe(400)
        expect(saved.data.message).toMatch(/^mjml: mj-include is not allowed/)
        expect(JSON.stringify(saved.data)).not.toContain(SECRET)
      }
      expect(await messaging().listTemplateOverrides({ template: "cart-reminder" })).toHaveLength(0)
    })

    it("sends from the brand's saved sender, not the provider option", async () => {
      const changed = await post("/admin/retention/settings/brand", {
        fromEmail: "news@kestrel-coffee.example.org",
        fromName: "Kestrel Coffee",
      })
      expect(changed.status).toBe(200)

      const { result } = await sendRetentionEmailsWorkflow(getContainer()).run({
        input: {
          messages: [
            {
              idempotency_key: "security:from:1",
              template: "cart-reminder",
              to: "sender-check@example.com",
              data: getTemplate("cart-reminder")?.sampleData as Record<string, unknown>,
            },
          ],
        },
      })
      expect(result[0].status).toBe("sent")
      const sent = sendgrid.requests
        .map((r) => r.body as SentBody)
        .filter((b) => b.personalizations?.[0]?.to?.[0]?.email === "sender-check@example.com")
      expect(sent).toHaveLength(1)
      expect(sent[0].from).toEqual({ email: "news@kestrel-coffee.example.org", name: "Kestrel Coffee" })
    })

    it("a web font only when the brand names one, from an https stylesheet with a plain family name", async () => {
      const sendTo = async (key: string, to: string) => {
        const { result } = await sendRetentionEmailsWorkflow(getContainer()).run({
          input: { messages: [{ idempotency_key: key, template: "cart-reminder", to, data: getTemplate("cart-reminder")?.sampleData as Record<string, unknown> }] },
        })
        expect(result[0].status).toBe("sent")
        const body = sendgrid.requests.map((r) => r.body as SentBody).find((b) => b.personalizations?.[0]?.to?.[0]?.email === to)
        return body?.content?.find((c) => c.type === "text/html")?.value ?? ""
      }
      const plain = await sendTo("security:font:1", "font-off@example.com")
      expect(plain).not.toMatch(/<link|fonts\.googleapis|@import/)

      for (const webFont of [
        { family: "Inter'; } * { display:none", url: "https://fonts.example.com/inter.css" },
        { family: "Inter", url: "javascript:alert(1)" },
      ]) {
        const refused = await post("/admin/retention/settings/brand", { webFont })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/^webFont\.(family|url):/)
      }
      const saved = await post("/admin/retention/settings/brand", { webFont: { family: "Source Sans 3", url: "https://fonts.example.com/css2?family=Source+Sans+3&display=swap" } })
      expect(saved.status).toBe(200)
      const branded = await sendTo("security:font:2", "font-on@example.com")
      expect(branded).toContain('<link href="https://fonts.example.com/css2?family&#x3D;Source+Sans+3&amp;display&#x3D;swap" rel="stylesheet"')
      expect(branded).toContain("font-family:'Source Sans 3', -apple-system")
      expect((await post("/admin/retention/settings/brand", { webFont: null })).status).toBe(200)
    })

    it("the unsubscribe page carries the store's name and logo", async () => {
      expect((await post("/admin/retention/settings/brand", { storeName: "Kestrel Coffee", logoUrl: "https://cdn.example.com/kestrel.png" })).status).toBe(200)
      const { result } = await sendRetentionEmailsWorkflow(getContainer()).run({
        input: { messages: [{ idempotency_key: "security:page:1", template: "cart-reminder", to: "page-check@example.com", data: getTemplate("cart-reminder")?.sampleData as Record<string, unknown> }] },
      })
      expect(result[0].status).toBe("sent")
      const body = sendgrid.requests.map((r) => r.body as SentBody).find((b) => b.personalizations?.[0]?.to?.[0]?.email === "page-check@example.com")
      const url = new URL((body?.headers?.["List-Unsubscribe"] ?? "").slice(1, -1))
      const page = await settle(api.get(`${url.pathname}${url.search}`))
      expect(page.status).toBe(200)
      expect(page.data).toContain("<title>Email preferences · Kestrel Coffee</title>")
      expect(page.data).toContain('<img src="https://cdn.example.com/kestrel.png" alt="Kestrel Coffee"')
      // A broken link still shows whose page it is.
      const bad = await settle(api.get("/retention/unsubscribe?token=nope"))
      expect(bad.status).toBe(400)
      expect(bad.data).toContain('alt="Kestrel Coffee"')
    })
  },
})
