import { advanceEntry, flowEmailKey, flowSubjectId, isFlowHoldout, lapseAt, median, pickFlowVariant } from "../engine"
import type { FlowStep } from "../flow-config"

const step = (delay_hours: number): FlowStep => ({ delay_hours, template: "flow-welcome-1", subjects: [], discount: null })
const DAY = 86400_000

describe("flow engine", () => {
  it("puts about the holdout share in the holdout group, always the same customers", () => {
    const held = Array.from({ length: 2000 }, (_, i) => isFlowHoldout("rflow_1", `cus_${i}`, "signup", 20)).filter(Boolean).length
    expect(held).toBeGreaterThan(320)
    expect(held).toBeLessThan(480)
    expect(isFlowHoldout("rflow_1", "cus_5", "signup", 20)).toBe(isFlowHoldout("rflow_1", "cus_5", "signup", 20))
    expect(isFlowHoldout("rflow_1", "cus_5", "signup", 0)).toBe(false)
  })

  it("splits subject variants deterministically", () => {
    expect(pickFlowVariant("f", "c", 0, 1)).toBe(0)
    const v = pickFlowVariant("f", "c", 1, 2)
    expect([0, 1]).toContain(v)
    expect(pickFlowVariant("f", "c", 1, 2)).toBe(v)
  })

  it("keys the welcome series per customer and repeatable flows per trigger", () => {
    expect(flowEmailKey("rflow_1", flowSubjectId("welcome", "cus_1", "signup"), 2)).toBe("flow:rflow_1:cus_1:2")
    expect(flowEmailKey("rflow_2", flowSubjectId("birthday", "cus_1", "2026"), 1)).toBe("flow:rflow_2:cus_1~2026:1")
  })

  it("schedules the next step from the anchor and ends after the last", () => {
    const anchor = new Date("2026-01-01T00:00:00Z")
    const steps = [step(0), step(72)]
    expect(advanceEntry({ stepIndex: 0, steps, anchorAt: anchor, now: anchor })).toEqual({
      step: 1,
      next_action_at: new Date(anchor.getTime() + 3 * DAY),
      done: false,
    })
    const late = new Date(anchor.getTime() + 10 * DAY)
    expect(advanceEntry({ stepIndex: 0, steps, anchorAt: anchor, now: late }).next_action_at).toEqual(late)
    expect(advanceEntry({ stepIndex: 1, steps, anchorAt: anchor, now: late })).toEqual({ step: 2, next_action_at: null, done: true })
  })

  it("finds the lapse from the customer's own median gap, else the store's, never before the minimum", () => {
    expect(median([])).toBeNull()
    expect(median([30, 10, 20])).toBe(20)
    expect(median([10, 20, 30, 40])).toBe(25)
    const last = new Date("2026-01-01T00:00:00Z")
    expect(lapseAt({ lastOrderAt: last, ownMedianGapDays: 40, storeMedianGapDays: 10, factor: 1.5, minDays: 30 })).toEqual(new Date(last.getTime() + 60 * DAY))
    expect(lapseAt({ lastOrderAt: last, ownMedianGapDays: null, storeMedianGapDays: 30, factor: 2, minDays: 30 })).toEqual(new Date(last.getTime() + 60 * DAY))
    expect(lapseAt({ lastOrderAt: last, ownMedianGapDays: 5, storeMedianGapDays: 30, factor: 2, minDays: 30 })).toEqual(new Date(last.getTime() + 30 * DAY))
    expect(lapseAt({ lastOrderAt: last, ownMedianGapDays: null, storeMedianGapDays: null, factor: 2, minDays: 45 })).toEqual(new Date(last.getTime() + 45 * DAY))
  })
})
