import { DueScheduler, runSchedulerTick, TICK_BUDGET_MS, TICK_ERROR_RETRY_MS } from "../run-tick"

// The tick loop both cart recovery and the flows run on. The lease itself is tested against
// PostgreSQL in both modules' service specs; here the scheduler is a recorder.
function recorder(due: string[] | null) {
  const calls: { start: string[]; end: string[]; postponed: { id: string; dueAt: Date; until: Date }[] } = { start: [], end: [], postponed: [] }
  const scheduler: DueScheduler = {
    startTick: async (input) => {
      calls.start.push(input.holder)
      return due
    },
    endTick: async (input) => {
      calls.end.push(input.holder)
    },
    postponeIfStillDue: async (input) => {
      calls.postponed.push(input)
    },
  }
  return { scheduler, calls }
}

const now = new Date("2026-03-01T10:00:00Z")
const logger = () => {
  const lines: string[] = []
  return { lines, warn: (line: string) => lines.push(line) }
}

describe("runSchedulerTick", () => {
  it("does nothing while another tick holds the lease", async () => {
    const { scheduler, calls } = recorder(null)
    const seen: string[] = []
    const result = await runSchedulerTick({
      scheduler, name: "job", label: "test", batchSize: 10, now, logger: logger(),
      processOne: async (id) => (seen.push(id), "sent"),
      disableExpiredCodes: async () => seen.push("codes"),
    })
    expect(result).toEqual({ claimed: 0, outcomes: [], skipped: "another tick holds the lease" })
    expect(seen).toEqual([])
    expect(calls.end).toEqual([])
  })

  it("puts a sequence whose run threw back for later, goes on with the others and gives the lease back", async () => {
    const { scheduler, calls } = recorder(["a", "b", "c"])
    const log = logger()
    const wall = now.getTime() + 5_000
    const result = await runSchedulerTick({
      scheduler, name: "job", label: "test", batchSize: 10, now, logger: log, clock: () => wall,
      processOne: async (id) => {
        if (id === "b") throw new Error("boom")
        return `sent:${id}`
      },
    })
    expect(result).toEqual({ claimed: 3, outcomes: ["sent:a", "error", "sent:c"] })
    expect(calls.postponed).toEqual([{ id: "b", dueAt: now, until: new Date(wall + TICK_ERROR_RETRY_MS) }])
    expect(log.lines).toEqual(["test: b failed, retried in 15 minutes: boom"])
    expect(calls.end).toEqual(calls.start)
  })

  it("stops taking sequences once its budget is spent; a failing code chore is logged, the lease still given back", async () => {
    const { scheduler, calls } = recorder(["a", "b", "c", "d"])
    const log = logger()
    let wall = 0
    const result = await runSchedulerTick({
      scheduler, name: "job", label: "test", batchSize: 10, now, logger: log, clock: () => wall,
      processOne: async (id) => {
        wall += TICK_BUDGET_MS / 2 + 1
        return id
      },
      disableExpiredCodes: async () => {
        throw new Error("promotion module down")
      },
    })
    expect(result).toEqual({ claimed: 2, outcomes: ["a", "b"] })
    expect(log.lines).toEqual(["test: expired codes not deactivated, retried next tick: promotion module down"])
    expect(calls.end).toEqual(calls.start)
    expect(calls.end).toHaveLength(1)
  })
})
