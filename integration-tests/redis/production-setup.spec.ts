// The production setup: Redis event bus (at-least-once, with retries), Redis workflow engine
// and Redis locking. medusa-config.ts switches them on when REDIS_URL is set; scripts/test.js
// runs this lane only then (and says loudly when it skips it).
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Redis from "ioredis"
import recordSchedulerHeartbeat from "../../src/jobs/record-scheduler-heartbeat"
import { runOnce } from "../../src/lib/run-once"
import { recordSchedulerHeartbeatWorkflow } from "../../src/workflows/retention-settings/record-scheduler-heartbeat"
import { RETENTION_SETTINGS_MODULE } from "../../src/modules/retention-settings"
import type RetentionSettingsModuleService from "../../src/modules/retention-settings/service"
import { RETENTION_SETTINGS_UPDATED } from "../../src/workflows/retention-settings/update-retention-settings"
import { createAdminAndLogin, eventually } from "../helpers/admin"

jest.setTimeout(180_000)

if (!process.env.REDIS_URL) {
  throw new Error("the redis lane needs REDIS_URL (scripts/test.js skips this lane without it)")
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(getContainer(), api))
    })

    it("runs the event bus, workflow engine and locking on Redis", () => {
      const container = getContainer()
      expect(container.resolve(Modules.EVENT_BUS).constructor.name).toBe("RedisEventBusService")
      expect(container.resolve(Modules.WORKFLOW_ENGINE).constructor.name).toMatch(/Redis|WorkflowsModuleService/)
      const redisOptions = JSON.stringify(container.resolve("configModule").modules?.[Modules.WORKFLOW_ENGINE] ?? {})
      expect(redisOptions).toContain("workflow-engine-redis")
    })

    it("delivers settings events through Redis, and a redelivered event records nothing twice", async () => {
      const res = await api.post("/admin/retention/settings/consent", { maxMarketingPerDay: 3 }, { headers })
      expect(res.data.settings.version).toBe(1)

      const service: RetentionSettingsModuleService = getContainer().resolve(RETENTION_SETTINGS_MODULE)
      await eventually(async () => (await service.listRetentionSettingsChanges({ section: "consent" })).length === 1)

      // Redis delivery is at least once: deliver the very same event again, twice.
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const payload = {
        section: "consent",
        version: 1,
        changed_by: null,
        changes: { maxMarketingPerDay: { from: 2, to: 3 } },
      }
      await eventBus.emit([
        { name: RETENTION_SETTINGS_UPDATED, data: payload },
        { name: RETENTION_SETTINGS_UPDATED, data: payload },
      ])
      const redis = new Redis(process.env.REDIS_URL as string)
      try {
        // Wait until the Redis queue has drained the redelivered jobs.
        await eventually(async () => {
          const keys = await redis.keys("bull:events-queue:wait*")
          const waiting = keys.length ? await redis.llen(keys[0]) : 0
          return waiting === 0
        })
      } finally {
        redis.disconnect()
      }
      await new Promise((r) => setTimeout(r, 1000))
      expect(await service.listRetentionSettingsChanges({ section: "consent" })).toHaveLength(1)
    })

    it("runs a job once per key on the Redis engine, raced or repeated", async () => {
      const at = new Date()
      const attempt = () =>
        runOnce("heartbeat-race-test", (options) =>
          recordSchedulerHeartbeatWorkflow(getContainer()).run({ input: { job_name: "race", at }, ...options })
        )
      const outcomes = await Promise.all([attempt(), attempt(), attempt()])
      // A late duplicate may run the workflow again (the engine keeps no once-only promise after
      // a run finished); the heartbeat's own key in the database makes it count nothing.
      await attempt()
      expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1)
      const service: RetentionSettingsModuleService = getContainer().resolve(RETENTION_SETTINGS_MODULE)
      const [beat] = await service.listSchedulerHeartbeats({ job_name: "race" })
      expect(beat.run_count).toBe(1)

      // The real job goes through the same path and does not throw on a duplicate trigger.
      await Promise.all([recordSchedulerHeartbeat(getContainer()), recordSchedulerHeartbeat(getContainer())])
    })

    it("serialises work through the Redis locking provider", async () => {
      const locking = getContainer().resolve(Modules.LOCKING)
      const order: string[] = []
      const slow = (tag: string) =>
        locking.execute("retention-test-lock", async () => {
          order.push(`${tag}:start`)
          await new Promise((r) => setTimeout(r, 200))
          order.push(`${tag}:end`)
        })
      await Promise.all([slow("a"), slow("b")])
      // Never interleaved: each start is followed by its own end.
      expect(order[1]).toBe(`${order[0].split(":")[0]}:end`)
      expect(order[3]).toBe(`${order[2].split(":")[0]}:end`)
    })
  },
})
