import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RETENTION_SETTINGS_MODULE } from ".."
import RetentionSettingsModuleService from "../service"
import { RetentionSetting } from "../models/retention-setting"
import { RetentionSettingsChange } from "../models/retention-settings-change"
import { SchedulerHeartbeat } from "../models/scheduler-heartbeat"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<RetentionSettingsModuleService>({
  moduleName: RETENTION_SETTINGS_MODULE,
  moduleModels: [RetentionSetting, RetentionSettingsChange, SchedulerHeartbeat],
  resolve: "./src/modules/retention-settings",
  moduleOptions: { brand: { storeName: "Option Store", timezone: "Europe/Istanbul" } },
  testSuite: ({ service }) => {
    describe("settings sections", () => {
      it("serves plugin-option defaults over built-in defaults before any save", async () => {
        const brand = await service.getSection("brand")
        expect(brand.version).toBe(0)
        expect(brand.values.storeName).toBe("Option Store")
        expect(brand.values.timezone).toBe("Europe/Istanbul")
        expect(brand.values.primaryColor).toBe("#111827")
      })

      it("saves a partial update, bumps the version and reports the changes", async () => {
        const first = await service.saveSection("brand", { storeName: "Acme" }, "user_1")
        expect(first.current.version).toBe(1)
        expect(first.changes).toEqual({ storeName: { from: "Option Store", to: "Acme" } })

        const second = await service.saveSection("brand", { primaryColor: "#ff0000" }, "user_2")
        expect(second.current.version).toBe(2)
        expect(second.current.values.storeName).toBe("Acme")
        expect(second.current.updated_by).toBe("user_2")
      })

      it("refuses invalid values naming the field and writes nothing", async () => {
        await expect(
          service.saveSection("brand", { primaryColor: "red", fromEmail: "nope" }, null)
        ).rejects.toThrow(/primaryColor: must be a colour.*|fromEmail/)
        await expect(service.saveSection("consent", { nonsense: 1 }, null)).rejects.toThrow(
          /nonsense: not a setting/
        )
        const brand = await service.getSection("brand")
        expect(brand.version).toBe(0)
        expect(brand.values.primaryColor).toBe("#111827")
      })

      it("drops only a stored value a later release refuses, not the whole section", async () => {
        const saved = await service.saveSection("brand", { storeName: "Kept", logoUrl: "https://cdn.example/logo.png" }, null)
        // As a value saved before URLs had to be http(s) would sit in the database.
        await service.updateRetentionSettings({
          id: (await service.listRetentionSettings({ section: "brand" }))[0].id,
          values: { ...saved.current.values, logoUrl: "javascript:alert(1)" },
        })
        const brand = await service.getSection("brand")
        expect(brand.values.logoUrl).toBeNull()
        expect(brand.values.storeName).toBe("Kept")
      })

      it("gives concurrent saves consecutive versions (row lock, no lost update)", async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            service.saveSection("consent", { maxMarketingPerDay: i + 1 }, `user_${i}`)
          )
        )
        const versions = results.map((r) => r.current.version).sort((a, b) => a - b)
        expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
        const consent = await service.getSection("consent")
        expect(consent.version).toBe(8)
      })

      it("restores the previous state (workflow compensation)", async () => {
        const saved = await service.saveSection("brand", { storeName: "Changed" }, null)
        await service.restoreSection(saved.previous)
        const brand = await service.getSection("brand")
        expect(brand.values.storeName).toBe("Option Store")
        expect(brand.version).toBe(0)
      })
    })

    describe("change log", () => {
      it("records each (section, version) once", async () => {
        const input = { section: "brand", version: 3, changed_by: "user_1", changes: { a: 1 } }
        expect(await service.recordChange(input)).toEqual({ created: true })
        expect(await service.recordChange(input)).toEqual({ created: false })
        const rows = await service.listRetentionSettingsChanges({ section: "brand" })
        expect(rows).toHaveLength(1)
      })
    })

    describe("scheduler heartbeat", () => {
      it("counts each minute slot once and never moves last_run_at backwards", async () => {
        const earlier = new Date("2026-01-01T00:00:00Z")
        const later = new Date("2026-01-01T00:01:00Z")
        expect(await service.recordHeartbeat("job", earlier)).toEqual({ counted: true })
        expect(await service.recordHeartbeat("job", later)).toEqual({ counted: true })
        expect(await service.recordHeartbeat("job", later)).toEqual({ counted: false })
        expect(await service.recordHeartbeat("job", earlier)).toEqual({ counted: false })
        const rows = await service.listSchedulerHeartbeats({ job_name: "job" })
        expect(rows).toHaveLength(1)
        expect(rows[0].run_count).toBe(2)
        expect(new Date(rows[0].last_run_at).toISOString()).toBe(later.toISOString())
      })
    })
  },
})
