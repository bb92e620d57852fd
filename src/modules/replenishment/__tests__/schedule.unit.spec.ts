import { addInterval, parseInterval, periodOf, renewalsPerMonth, SubscriptionState, transition } from "../schedule"

const at = (iso: string) => new Date(iso)
const base = (over: Partial<SubscriptionState> = {}): SubscriptionState => ({
  status: "active",
  period_at: at("2026-12-10T09:00:00Z"),
  next_run_at: at("2026-12-10T09:00:00Z"),
  paused_until: null,
  interval: "4w",
  ...over,
})
const now = at("2026-12-04T12:00:00Z")

describe("intervals", () => {
  it("parses day, week and month codes up to a year and refuses the rest", () => {
    expect(parseInterval("4w")).toEqual({ count: 4, unit: "w" })
    expect(parseInterval("30d")).toEqual({ count: 30, unit: "d" })
    expect(parseInterval("12m")).toEqual({ count: 12, unit: "m" })
    for (const bad of ["", "0w", "4", "w", "4x", "13m", "400d", "53w", " 4 w", "-1d", 4, null]) {
      expect(parseInterval(bad)).toBeNull()
    }
  })

  it("adds months keeping the day, clamped to the month's end, and weeks as 7 days", () => {
    expect(addInterval(at("2026-01-31T08:00:00Z"), "1m").toISOString()).toBe("2026-02-28T08:00:00.000Z")
    expect(addInterval(at("2028-01-31T08:00:00Z"), "1m").toISOString()).toBe("2028-02-29T08:00:00.000Z")
    expect(addInterval(at("2026-11-15T08:00:00Z"), "2m").toISOString()).toBe("2027-01-15T08:00:00.000Z")
    expect(addInterval(at("2026-12-01T08:00:00Z"), "2w").toISOString()).toBe("2026-12-15T08:00:00.000Z")
    expect(addInterval(at("2026-12-01T08:00:00Z"), "10d", 3).toISOString()).toBe("2026-12-31T08:00:00.000Z")
  })

  it("normalises every interval to renewals per month", () => {
    expect(renewalsPerMonth("1m")).toBe(1)
    expect(renewalsPerMonth("2w")).toBeCloseTo(30.4375 / 14)
    expect(renewalsPerMonth("30d")).toBeCloseTo(30.4375 / 30)
    expect(renewalsPerMonth("nonsense")).toBe(0)
  })

  it("names a period by its UTC date", () => {
    expect(periodOf(at("2026-12-10T23:59:00Z"))).toBe("2026-12-10")
  })
})

describe("transition", () => {
  it("skip moves the period one interval on and keeps the status", () => {
    const r = transition(base(), { type: "skip" }, now)
    expect(r.ok && r.state.period_at.toISOString()).toBe("2027-01-07T09:00:00.000Z")
    expect(r.ok && r.state.next_run_at.toISOString()).toBe("2027-01-07T09:00:00.000Z")
  })

  it("pause needs a future date within a year, and resume never makes up periods that passed", () => {
    expect(transition(base(), { type: "pause", until: at("2026-12-01T00:00:00Z") }, now)).toEqual({ ok: false, field: "until", message: "must be in the future" })
    expect(transition(base(), { type: "pause", until: at("2028-01-01T00:00:00Z") }, now)).toMatchObject({ ok: false, field: "until" })
    const paused = transition(base(), { type: "pause", until: null }, now)
    expect(paused.ok && paused.state.status).toBe("paused")
    // Resumed two months later: the next period is the first scheduled date from then on.
    const later = at("2027-02-20T00:00:00Z")
    const resumed = paused.ok ? transition(paused.state, { type: "resume" }, later) : null
    expect(resumed?.ok && resumed.state.status).toBe("active")
    expect(resumed?.ok && resumed.state.period_at.toISOString()).toBe("2027-03-04T09:00:00.000Z")
    expect(transition(base(), { type: "resume" }, now)).toMatchObject({ ok: false, field: "status" })
  })

  it("a canceled subscription refuses every action", () => {
    const canceled = base({ status: "canceled" })
    for (const action of [{ type: "skip" }, { type: "resume" }, { type: "cancel" }, { type: "run_now" }, { type: "renewed" }] as const) {
      expect(transition(canceled, action, now)).toEqual({ ok: false, field: "status", message: "the subscription is canceled" })
    }
  })

  it("a renewal schedules the next period from the one that ran, not from when it ran", () => {
    // A payment retry two days late still keeps the 4-week rhythm.
    const late = transition(base({ next_run_at: at("2026-12-12T09:00:00Z") }), { type: "renewed" }, at("2026-12-12T10:00:00Z"))
    expect(late.ok && late.state.period_at.toISOString()).toBe("2027-01-07T09:00:00.000Z")
  })

  it("after the last payment retry the subscription is on hold until the payment is updated", () => {
    const failed = transition(base(), { type: "payment_failed_final" }, now)
    expect(failed.ok && failed.state.status).toBe("payment_failed")
    const state = failed.ok ? failed.state : base()
    expect(transition(state, { type: "resume" }, now)).toMatchObject({ ok: false, field: "status" })
    const updated = transition(state, { type: "payment_updated" }, now)
    expect(updated.ok && updated.state.status).toBe("active")
    expect(updated.ok && updated.state.next_run_at.toISOString()).toBe(now.toISOString())
    // The period stays the one that failed: its run (and cart) is retried, not a new one.
    expect(updated.ok && updated.state.period_at.toISOString()).toBe(state.period_at.toISOString())
  })

  it("run now brings the current period to now; change_interval refuses a bad code naming the field", () => {
    const r = transition(base(), { type: "run_now" }, now)
    expect(r.ok && r.state.period_at.toISOString()).toBe(now.toISOString())
    expect(transition(base(), { type: "change_interval", interval: "9x" }, now)).toMatchObject({ ok: false, field: "interval" })
    expect(transition(base({ status: "paused" }), { type: "run_now" }, now)).toMatchObject({ ok: false, field: "status" })
  })
})
