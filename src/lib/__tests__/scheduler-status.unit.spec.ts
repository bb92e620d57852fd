import { SCHEDULER_STALE_AFTER_MS, schedulerState } from "../scheduler-status"

const now = new Date("2026-12-06T10:00:00Z")
const ago = (ms: number) => new Date(now.getTime() - ms)
const MIN = 60_000

describe("schedulerState", () => {
  it("is running while the last beat is under five minutes old", () => {
    expect(schedulerState({ lastRunAt: ago(MIN), startedAt: ago(60 * MIN), now })).toBe("running")
    expect(schedulerState({ lastRunAt: ago(SCHEDULER_STALE_AFTER_MS - 1), startedAt: ago(60 * MIN), now })).toBe("running")
  })

  it("is starting, not an alarm, in the server's first five minutes without a recent beat", () => {
    expect(schedulerState({ lastRunAt: null, startedAt: ago(30_000), now })).toBe("starting")
    // Restarted after a day down: the old beat is stale, the new ones are still to come.
    expect(schedulerState({ lastRunAt: ago(24 * 60 * MIN), startedAt: ago(2 * MIN), now })).toBe("starting")
  })

  it("warns once the server has run five minutes without a beat", () => {
    expect(schedulerState({ lastRunAt: null, startedAt: ago(SCHEDULER_STALE_AFTER_MS), now })).toBe("not_running")
    expect(schedulerState({ lastRunAt: ago(SCHEDULER_STALE_AFTER_MS), startedAt: ago(60 * MIN), now })).toBe("stale")
  })
})
