import { retentionTestRunner } from "../helpers/runner"
import request from "supertest"
import { getTemplate } from "../../src/emails"
import recordSchedulerHeartbeat from "../../src/jobs/record-scheduler-heartbeat"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_SETTINGS_MODULE } from "../../src/modules/retention-settings"
import type RetentionSettingsModuleService from "../../src/modules/retention-settings/service"
import { sendRetentionEmailsWorkflow } from "../../src/workflows/messaging/send-retention-emails"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { settle, useOutbox } from "../helpers/outbox"

jest.setTimeout(120_000)

const { mailTo } = useOutbox("settings")

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    let userId: string

    beforeEach(async () => {
      ;({ headers, userId } = await createAdminAndLogin(getContainer(), api))
    })

    const status = (p: Promise<{ status: number }>) =>
      p.then((r) => r.status).catch((e: { response: { status: number } }) => e.response.status)

    it("serves the public health route without any key", async () => {
      const res = await api.get("/retention/health")
      expect(res.status).toBe(200)
      expect(res.data).toEqual({ plugin: "medusa-plugin-retention", status: "ok" })
    })

    it("keeps admin routes behind admin auth", async () => {
      expect(await status(api.get("/admin/retention/settings"))).toBe(401)
      expect(await status(api.post("/admin/retention/settings/brand", { storeName: "x" }))).toBe(401)
      expect(await status(api.get("/admin/retention/overview"))).toBe(401)
    })

    it("reads settings with plugin-option defaults", async () => {
      const res = await api.get("/admin/retention/settings", { headers })
      const brand = res.data.sections.find((s: { section: string }) => s.section === "brand")
      expect(brand.values.storeName).toBe("Retention Demo Coffee")
      expect(brand.version).toBe(0)
    })

    it("updates a section, records who did it, and the subscriber writes the audit trail once", async () => {
      const res = await api.post("/admin/retention/settings/brand", { storeName: "Acme Coffee" }, { headers })
      expect(res.status).toBe(200)
      expect(res.data.settings.values.storeName).toBe("Acme Coffee")
      expect(res.data.settings.version).toBe(1)
      expect(res.data.settings.updated_by).toBe(userId)

      const history = await eventually(async () => {
        const h = await api.get("/admin/retention/settings/brand/history", { headers })
        return h.data.count > 0 ? h.data : null
      })
      expect(history.changes[0]).toMatchObject({
        section: "brand",
        version: 1,
        changed_by: userId,
        changed_by_email: expect.stringContaining("@"),
        changes: { storeName: { from: "Retention Demo Coffee", to: "Acme Coffee" } },
      })
      const badPage = await api.get("/admin/retention/settings/brand/history?limit=0", { headers, validateStatus: () => true })
      expect([badPage.status, badPage.data.message]).toEqual([400, expect.stringMatching(/^limit: /)])

      // Saving the same values again changes nothing and emits nothing.
      const again = await api.post("/admin/retention/settings/brand", { storeName: "Acme Coffee" }, { headers })
      expect(again.data.settings.version).toBe(1)
      expect(again.data.changes).toEqual({})
    })

    it("rejects bad input with a 400 naming the field and saves nothing", async () => {
      const bad = await api
        .post("/admin/retention/settings/brand", { primaryColor: "blue", storefrontUrl: "not a url" }, { headers })
        .catch((e: { response: unknown }) => e.response)
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/primaryColor/)
      expect(bad.data.message).toMatch(/storefrontUrl/)

      const unknownField = await api
        .post("/admin/retention/settings/consent", { policy: "opt_in", sendEverything: true }, { headers })
        .catch((e: { response: unknown }) => e.response)
      expect(unknownField.status).toBe(400)
      expect(unknownField.data.message).toMatch(/sendEverything/)

      const notJson = await request(api.defaults.baseURL)
        .post("/admin/retention/settings/consent")
        .set(headers)
        .set("content-type", "application/json")
        .send("[1,2]")
      expect(notJson.status).toBe(400)

      const section = await api
        .get("/admin/retention/settings/nope", { headers })
        .catch((e: { response: unknown }) => e.response)
      expect(section.status).toBe(404)
      expect(section.data.message).toMatch(/section/)

      const consent = await api.get("/admin/retention/settings/consent", { headers })
      expect(consent.data.settings.version).toBe(0)
      expect(consent.data.settings.values.policy).toBe("opt_out")
    })

    it("accepts only https URLs (http on localhost) in every URL setting, naming the field, saving nothing", async () => {
      const post = (section: string, body: Record<string, unknown>) =>
        settle(api.post(`/admin/retention/settings/${section}`, body, { headers }))
      const refused: [string, string, string][] = [
        ["brand", "logoUrl", "javascript:alert(document.cookie)"],
        ["brand", "logoUrl", "data:image/svg+xml,<svg onload=alert(1)>"],
        ["brand", "storefrontUrl", "javascript:alert(1)"],
        ["brand", "storefrontUrl", "http://shop.example.com"],
        ["nps", "reviewUrl", "javascript:alert(1)"],
        ["nps", "reviewUrl", "data:text/html,<script>alert(1)</script>"],
        ["nps", "redirectUrl", "vbscript:msgbox(1)"],
      ]
      for (const [section, field, value] of refused) {
        const res = await post(section, { [field]: value })
        expect([field, value, res.status]).toEqual([field, value, 400])
        expect(res.data.message).toMatch(new RegExp(`^${field}: must start with https://`))
      }
      for (const section of ["brand", "nps"]) {
        const state = await api.get(`/admin/retention/settings/${section}`, { headers })
        expect(state.data.settings.version).toBe(0)
      }

      const ok = await post("brand", { logoUrl: "https://cdn.example.com/logo.png", storefrontUrl: "http://127.0.0.1:8000" })
      expect(ok.status).toBe(200)
      const nps = await post("nps", { reviewUrl: "https://reviews.example.com/acme", redirectUrl: null })
      expect(nps.status).toBe(200)
    })

    it("sends the recovery link to the saved storefront URL and emails from the saved sender", async () => {
      const saved = await settle(
        api.post(
          "/admin/retention/settings/brand",
          { storefrontUrl: "https://shop.kestrel.example", fromEmail: "care@kestrel.example", fromName: "Kestrel Care" },
          { headers }
        )
      )
      expect(saved.status).toBe(200)

      const cartRecovery: CartRecoveryModuleService = getContainer().resolve(RETENTION_CART_RECOVERY_MODULE)
      const link = new URL(cartRecovery.recoveryUrl({ c: "cart_brand_1", st: 1 }))
      const open = await request(api.defaults.baseURL).get(`${link.pathname}${link.search}`)
      expect(open.status).toBe(302)
      expect(open.headers.location).toMatch(/^https:\/\/shop\.kestrel\.example\/cart\/recover\?cart_id=cart_brand_1&/)
      // What the Settings page shows under Brand.
      const listed = await api.get("/admin/retention/settings", { headers })
      expect(listed.data.effective).toEqual({
        recovery_link: "https://shop.kestrel.example/cart/recover?cart_id={cart_id}&code={code}&token={token}",
        from_email: "care@kestrel.example",
        from_name: "Kestrel Care",
      })

      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers })
      const { result } = await sendRetentionEmailsWorkflow(getContainer()).run({
        input: {
          messages: [
            {
              idempotency_key: "settings:sender:1",
              template: "cart-reminder",
              to: "sender@example.com",
              data: getTemplate("cart-reminder")?.sampleData as Record<string, unknown>,
            },
          ],
        },
      })
      expect(result[0].status).toBe("sent")
      const [mail] = await mailTo("sender@example.com")
      expect(mail).toMatchObject({ from: "care@kestrel.example", from_name: "Kestrel Care" })
    })

    it("shows the scheduler heartbeat on the overview once the job has run", async () => {
      // The app's own scheduler may already have beaten once (a minute boundary can pass while
      // the suite boots): start from no heartbeat at all.
      const settings = getContainer().resolve(RETENTION_SETTINGS_MODULE) as RetentionSettingsModuleService
      const beats = await settings.listSchedulerHeartbeats({})
      await settings.deleteSchedulerHeartbeats(beats.map((b) => b.id))
      const before = await api.get("/admin/retention/overview", { headers })
      expect(before.data.scheduler.healthy).toBe(false)
      // Booted minutes ago (not_running only after five minutes without a beat; unit-tested).
      expect(["starting", "not_running"]).toContain(before.data.scheduler.state)
      expect(before.data.features.map((f: { key: string }) => f.key)).toEqual([
        "campaigns",
        "messages",
        "loyalty",
        "nps",
        "subscriptions",
        "settings",
      ])

      await recordSchedulerHeartbeat(getContainer())
      // The same minute slot again is the same idempotent workflow transaction.
      await recordSchedulerHeartbeat(getContainer())

      const after = await api.get("/admin/retention/overview", { headers })
      expect(after.data.scheduler.healthy).toBe(true)
      expect(after.data.scheduler.state).toBe("running")
      expect(after.data.scheduler.run_count).toBeGreaterThanOrEqual(1)
    })
  },
})
