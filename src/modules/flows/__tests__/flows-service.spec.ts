import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { parseFlowSteps, RETENTION_FLOWS_MODULE } from ".."
import { FlowEntry } from "../models/flow-entry"
import { FlowSend } from "../models/flow-send"
import { FlowTickLease } from "../models/flow-tick-lease"
import { RetentionFlow } from "../models/retention-flow"
import FlowsModuleService from "../service"

jest.setTimeout(60_000)

const HOUR = 3600_000
// JSON columns are typed as objects; a JSON round trip gives an array that type.
const json = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value))

moduleIntegrationTestRunner<FlowsModuleService>({
  moduleName: RETENTION_FLOWS_MODULE,
  moduleModels: [RetentionFlow, FlowEntry, FlowSend, FlowTickLease],
  resolve: "./src/modules/flows",
  moduleOptions: { tokenSecret: "module-test-secret-0123456789abcdef" },
  testSuite: ({ service }) => {
    const now = new Date("2026-05-01T12:00:00.000Z")

    it("creates one default flow per kind, also when asked concurrently, and never re-creates a deleted one", async () => {
      await Promise.all([service.ensureDefaultFlows(), service.ensureDefaultFlows(), service.ensureDefaultFlows()])
      const flows = await service.listRetentionFlows({}, { order: { priority: "ASC" } })
      expect(flows.map((f) => [f.kind, f.status])).toEqual([
        ["welcome", "active"],
        ["post_purchase", "active"],
        ["birthday", "active"],
        ["win_back", "paused"],
      ])
      expect(parseFlowSteps(flows[0].steps).map((s) => s.template)).toEqual(["flow-welcome-1", "flow-welcome-2", "flow-welcome-3"])
      await service.softDeleteRetentionFlows([flows[3].id])
      await service.ensureDefaultFlows()
      expect(await service.listRetentionFlows({ kind: "win_back" })).toHaveLength(0)
    })

    it("starts one entry per (flow, customer, trigger key), however often and concurrently the trigger comes", async () => {
      const [flow] = await service.createRetentionFlows([{ kind: "welcome", name: "w", status: "active", trigger: {}, steps: json([]) }])
      const entry = { flow_id: flow.id, customer_id: "cus_1", email: "A@Example.com", trigger_key: "signup", anchor_at: now, next_action_at: now, holdout: false }
      const results = await Promise.all([service.startEntry(entry), service.startEntry(entry), service.startEntry(entry)])
      expect(results.filter((r) => r.created)).toHaveLength(1)
      const rows = await service.listFlowEntries({ flow_id: flow.id })
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ email: "a@example.com", state: "active" })
      // Another trigger key (a second order) is another entry.
      expect((await service.startEntry({ ...entry, trigger_key: "order_2" })).created).toBe(true)
      // A held-out entry is never due.
      const held = await service.startEntry({ ...entry, customer_id: "cus_2", holdout: true })
      const [heldRow] = await service.listFlowEntries({ id: held.id! })
      expect(heldRow).toMatchObject({ state: "held_out", next_action_at: null })
    })

    it("reads only due entries of active flows, and of two concurrent ticks only one gets the lease", async () => {
      const [active] = await service.createRetentionFlows([{ kind: "welcome", name: "a", status: "active", trigger: {}, steps: json([]) }])
      const [paused] = await service.createRetentionFlows([{ kind: "welcome", name: "p", status: "paused", trigger: {}, steps: json([]) }])
      const start = (flow_id: string, i: number, next: Date | null) =>
        service.startEntry({ flow_id, customer_id: `cus_${i}`, email: `c${i}@x.test`, trigger_key: "signup", anchor_at: now, next_action_at: next, holdout: false })
      const due1 = await start(active.id, 1, new Date(now.getTime() - 2 * HOUR))
      const due2 = await start(active.id, 2, new Date(now.getTime() - HOUR))
      await start(active.id, 3, new Date(now.getTime() + HOUR))
      await start(paused.id, 4, new Date(now.getTime() - HOUR))
      const done = await start(active.id, 5, new Date(now.getTime() - HOUR))
      await service.updateFlowEntries({ id: done.id!, state: "completed" })

      expect(await service.listDueEntryIds({ now, limit: 10 })).toEqual([due1.id, due2.id])
      const ticks = await Promise.all([
        service.startTick({ name: "t", holder: "a", leaseSeconds: 60, now, limit: 10 }),
        service.startTick({ name: "t", holder: "b", leaseSeconds: 60, now, limit: 10 }),
      ])
      expect(ticks.filter((t) => t !== null)).toEqual([[due1.id, due2.id]])
      const winner = ticks[0] ? "a" : "b"
      expect(await service.startTick({ name: "t", holder: "c", leaseSeconds: 60, now, limit: 10 })).toBeNull()
      await service.endTick({ name: "t", holder: winner })
      expect(await service.startTick({ name: "t", holder: "c", leaseSeconds: 60, now, limit: 1 })).toEqual([due1.id])
    })

    it("credits an order to the last flow email within the window, once", async () => {
      const [flow] = await service.createRetentionFlows([
        { kind: "win_back", name: "wb", status: "active", trigger: {}, steps: json([]), attribution_window_days: 7 },
      ])
      const send = (step: number, sentAt: Date) =>
        service.createFlowSends({
          idempotency_key: `flow:${flow.id}:cus_9~o1:${step}`,
          flow_id: flow.id,
          entry_id: "rfent_1",
          customer_id: "cus_9",
          email: "c9@x.test",
          step,
          status: "sent",
          sent_at: sentAt,
        })
      await send(1, new Date(now.getTime() - 10 * 24 * HOUR)) // outside the window
      const last = await send(2, new Date(now.getTime() - 2 * 24 * HOUR))
      const order = { customer_id: "cus_9", order_id: "order_1", total: 42.5, currency_code: "EUR", ordered_at: now }
      const [a, b] = await Promise.all([service.attributeOrder(order), service.attributeOrder(order)])
      // The loser of the race skips the locked row and credits nothing.
      expect([a, b].filter(Boolean).map((r) => r?.send_id)).toContain(last.id)
      expect((await service.attributeOrder(order))?.send_id).toBe(last.id)
      const credited = await service.listFlowSends({ order_id: "order_1" })
      expect(credited).toHaveLength(1)
      expect(credited[0]).toMatchObject({ step: 2, order_currency_code: "eur" })
      // A second order finds no uncredited email in the window.
      expect(await service.attributeOrder({ ...order, order_id: "order_2" })).toBeNull()
    })

    it("ends entries of flows that exit on an order, and anchors a post-purchase entry at delivery", async () => {
      const [welcome] = await service.createRetentionFlows([{ kind: "welcome", name: "w", status: "active", trigger: {}, steps: json([]), exit_rule: "order_placed" }])
      const [post] = await service.createRetentionFlows([
        { kind: "post_purchase", name: "p", status: "active", trigger: {}, steps: json([{ delay_hours: 72, template: "flow-post-purchase", subjects: [] }]), exit_rule: "none" },
      ])
      const base = { customer_id: "cus_7", email: "c7@x.test", anchor_at: new Date(now.getTime() - HOUR), holdout: false }
      await service.startEntry({ ...base, flow_id: welcome.id, trigger_key: "signup", next_action_at: now })
      await service.startEntry({ ...base, flow_id: post.id, trigger_key: "order_1", next_action_at: new Date(now.getTime() + 8 * 24 * HOUR) })
      const exited = await service.exitOnOrder({ customer_id: "cus_7", order_id: "order_2", ordered_at: new Date(now.getTime() + HOUR) })
      expect(exited.map((e) => e.kind)).toEqual(["welcome"])
      expect(await service.exitOnOrder({ customer_id: "cus_7", order_id: "order_2", ordered_at: new Date(now.getTime() + HOUR) })).toEqual([])

      const delivered = new Date(now.getTime() + 2 * 24 * HOUR)
      expect(await service.anchorAtDelivery({ order_id: "order_1", delivered_at: delivered, now })).toHaveLength(1)
      const [entry] = await service.listFlowEntries({ flow_id: post.id })
      expect(new Date(entry.next_action_at!).toISOString()).toBe(new Date(delivered.getTime() + 72 * HOUR).toISOString())
      // A repeated delivery event changes nothing.
      expect(await service.anchorAtDelivery({ order_id: "order_1", delivered_at: delivered, now })).toHaveLength(0)
    })
  },
})
