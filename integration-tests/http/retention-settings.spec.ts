import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import request from "supertest"
import recordSchedulerHeartbeat from "../../src/jobs/record-scheduler-heartbeat"
import { RETENTION_SETTINGS_MODULE } from "../../src/modules/retention-settings"
import type RetentionSettingsModuleService from "../../src/modules/retention-settings/service"
import { createAdminAndLogin, eventually } from "../helpers/admin"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
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
        changes: { storeName: { from: "Retention Demo Coffee", to: "Acme Coffee" } },
      })

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

    it("shows the scheduler heartbeat on the overview once the job has run", async () => {
      // The app's own scheduler may already have beaten once (a minute boundary can pass while
      // the suite boots): start from no heartbeat at all.
      const settings = getContainer().resolve(RETENTION_SETTINGS_MODULE) as RetentionSettingsModuleService
      const beats = await settings.listSchedulerHeartbeats({})
      await settings.deleteSchedulerHeartbeats(beats.map((b) => b.id))
      const before = await api.get("/admin/retention/overview", { headers })
      expect(before.data.scheduler.healthy).toBe(false)
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
      expect(after.data.scheduler.run_count).toBeGreaterThanOrEqual(1)
    })
  },
})
