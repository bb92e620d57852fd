import { baseRetryDelayMs, DEFAULT_RETRY_SCHEDULE, nextRetryAt } from "../retry-policy"

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe("retry policy", () => {
  it("doubles the wait from 5 minutes and caps it at 4 hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => baseRetryDelayMs(n) / MINUTE)).toEqual([5, 10, 20, 40, 80, 160, 240, 240])
    expect(baseRetryDelayMs(1000)).toBe(4 * HOUR)
  })

  it("keeps retrying for at least 24 hours after the first failure, then gives up", () => {
    // Walk an outage that never ends with the jitter pinned at its lowest (shortest waits).
    const start = new Date("2026-01-01T00:00:00Z")
    let now = start
    let failures = 1
    const attempts: number[] = []
    for (;;) {
      const next = nextRetryAt({ failures, firstFailedAt: start, now, random: () => 0 })
      if (!next) break
      attempts.push((next.getTime() - start.getTime()) / HOUR)
      now = next
      failures += 1
    }
    const last = attempts[attempts.length - 1]
    expect(last).toBeGreaterThanOrEqual(24)
    // It gave up at the first failure at or after 24 h, not before.
    expect(attempts.filter((h) => h < 24).length).toBe(attempts.length - 1)
    expect(attempts.length).toBeLessThan(20)
  })

  it("a 2-hour outage is retried within minutes of its end", () => {
    const start = new Date("2026-01-01T00:00:00Z")
    let now = start
    let failures = 1
    for (;;) {
      const next = nextRetryAt({ failures, firstFailedAt: start, now, random: () => 0.5 })!
      if (next.getTime() - start.getTime() >= 2 * HOUR) {
        // The first attempt after the outage is at most one (capped, doubled) wait later.
        expect(next.getTime() - start.getTime()).toBeLessThan(2 * HOUR + 80 * MINUTE)
        break
      }
      now = next
      failures += 1
    }
  })

  it("spreads each wait by ±20%, from the injected random number", () => {
    const now = new Date("2026-01-01T00:00:00Z")
    const at = (random: number) => (nextRetryAt({ failures: 2, firstFailedAt: now, now, random: () => random })!.getTime() - now.getTime()) / MINUTE
    expect(at(0)).toBe(8)
    expect(at(0.5)).toBe(10)
    expect(at(1)).toBe(12)
  })

  it("gives up exactly when the window is used up", () => {
    const start = new Date("2026-01-01T00:00:00Z")
    const justBefore = new Date(start.getTime() + DEFAULT_RETRY_SCHEDULE.windowMs - 1)
    const atWindow = new Date(start.getTime() + DEFAULT_RETRY_SCHEDULE.windowMs)
    expect(nextRetryAt({ failures: 9, firstFailedAt: start, now: justBefore, random: () => 0.5 })).not.toBeNull()
    expect(nextRetryAt({ failures: 10, firstFailedAt: start, now: atWindow, random: () => 0.5 })).toBeNull()
  })
})
