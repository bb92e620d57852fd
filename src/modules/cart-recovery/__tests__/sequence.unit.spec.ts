import { DEFAULT_CAMPAIGN, discountForCurrency, discountSchema, parseSteps, stepSchema } from "../campaign-config"
import {
  advance,
  audienceMismatch,
  capFreesAt,
  discountCode,
  dueAt,
  fillSubject,
  isHoldout,
  pickVariant,
  scheduleAfterActivity,
  unitHash,
} from "../sequence"

const HOUR = 3600_000
const steps = parseSteps(DEFAULT_CAMPAIGN.steps)
const t0 = new Date("2026-03-01T10:00:00.000Z")

describe("hashing, holdout and variants", () => {
  it("hashes deterministically into [0, 1)", () => {
    expect(unitHash("a")).toBe(unitHash("a"))
    expect(unitHash("a")).not.toBe(unitHash("b"))
    for (let i = 0; i < 1000; i++) {
      const h = unitHash(`k${i}`)
      expect(h).toBeGreaterThanOrEqual(0)
      expect(h).toBeLessThan(1)
    }
  })

  it("puts about the configured share of carts in the holdout, always the same ones", () => {
    const carts = Array.from({ length: 10_000 }, (_, i) => `cart_${i}`)
    const held = carts.filter((c) => isHoldout("rcamp_1", c, 10))
    expect(held.length).toBeGreaterThan(900)
    expect(held.length).toBeLessThan(1100)
    expect(carts.filter((c) => isHoldout("rcamp_1", c, 10))).toEqual(held)
    expect(carts.some((c) => isHoldout("rcamp_1", c, 0))).toBe(false)
  })

  it("splits subject variants evenly and keeps a cart's variant", () => {
    const counts = [0, 0, 0]
    for (let i = 0; i < 9000; i++) counts[pickVariant(`cart_${i}`, 1, 3)] += 1
    for (const c of counts) {
      expect(c).toBeGreaterThan(2700)
      expect(c).toBeLessThan(3300)
    }
    expect(pickVariant("cart_x", 1, 3)).toBe(pickVariant("cart_x", 1, 3))
    expect(pickVariant("cart_x", 1, 1)).toBe(0)
    expect(pickVariant("cart_x", 1, 0)).toBe(0)
  })

  it("derives the same unguessable code for the same cart and step", () => {
    const secret = "s".repeat(32)
    expect(discountCode(secret, "cart_1", 2)).toBe(discountCode(secret, "cart_1", 2))
    expect(discountCode(secret, "cart_1", 2)).not.toBe(discountCode(secret, "cart_1", 3))
    expect(discountCode("t".repeat(32), "cart_1", 2)).not.toBe(discountCode(secret, "cart_1", 2))
    expect(discountCode(secret, "cart_1", 2)).toMatch(/^BACK-[A-Z2-9]{10}$/)
  })
})

describe("scheduling", () => {
  it("makes each step due its delay after the cart went quiet", () => {
    expect(dueAt(t0, steps, 0)).toEqual(new Date(t0.getTime() + HOUR))
    expect(dueAt(t0, steps, 1)).toEqual(new Date(t0.getTime() + 24 * HOUR))
    expect(dueAt(t0, steps, 3)).toBeNull()
  })

  it("restarts the clock of a fresh cart on activity", () => {
    const at = new Date(t0.getTime() + 30 * 60_000)
    const s = scheduleAfterActivity({ status: "active", currentStep: 0, steps, onActivity: "continue", at, lastActivityAt: t0, nextActionAt: null })
    expect(s).toEqual({ status: "active", current_step: 0, next_action_at: new Date(at.getTime() + HOUR), last_activity_at: at })
  })

  it("restart: activity after an email pushes the next unsent step out, never back to a sent one", () => {
    const at = new Date(t0.getTime() + 5 * HOUR)
    const s = scheduleAfterActivity({ status: "emailed", currentStep: 1, steps, onActivity: "restart", at, lastActivityAt: t0, nextActionAt: new Date(t0.getTime() + 24 * HOUR) })
    expect(s).toEqual({ status: "emailed", current_step: 1, next_action_at: new Date(at.getTime() + 24 * HOUR), last_activity_at: at })
  })

  it("continue: activity after an email leaves the schedule alone", () => {
    const next = new Date(t0.getTime() + 24 * HOUR)
    const s = scheduleAfterActivity({ status: "emailed", currentStep: 1, steps, onActivity: "continue", at: new Date(t0.getTime() + 5 * HOUR), lastActivityAt: t0, nextActionAt: next })
    expect(s).toEqual({ status: "emailed", current_step: 1, next_action_at: next, last_activity_at: t0 })
  })

  it("advances to the next step, or to expiry after the attribution window", () => {
    const now = new Date(t0.getTime() + HOUR)
    expect(advance({ stepIndex: 0, steps, lastActivityAt: t0, lastSentAt: now, attributionWindowDays: 7, now })).toEqual({
      current_step: 1,
      next_action_at: new Date(t0.getTime() + 24 * HOUR),
    })
    // Overdue (the scheduler was down): the next tick, not the past.
    const late = new Date(t0.getTime() + 30 * HOUR)
    expect(advance({ stepIndex: 0, steps, lastActivityAt: t0, lastSentAt: late, attributionWindowDays: 7, now: late }).next_action_at).toEqual(late)
    const last = new Date(t0.getTime() + 72 * HOUR)
    expect(advance({ stepIndex: 2, steps, lastActivityAt: t0, lastSentAt: last, attributionWindowDays: 7, now: last })).toEqual({
      current_step: 3,
      next_action_at: new Date(last.getTime() + 7 * 24 * HOUR),
    })
  })

  it("frees the per-campaign cap when the oldest send in the window ages out", () => {
    const now = new Date(t0.getTime() + 10 * HOUR)
    expect(capFreesAt([], 1, 24, now)).toBeNull()
    expect(capFreesAt([new Date(t0.getTime() - 30 * HOUR)], 1, 24, now)).toBeNull()
    expect(capFreesAt([t0], 1, 24, now)).toEqual(new Date(t0.getTime() + 24 * HOUR))
    expect(capFreesAt([t0, new Date(t0.getTime() + HOUR)], 2, 24, now)).toEqual(new Date(t0.getTime() + 24 * HOUR))
    expect(capFreesAt([t0], 2, 24, now)).toBeNull()
  })
})

describe("audience and subjects", () => {
  const cart = { currency_code: "eur", value: 30, region_id: "reg_1", sales_channel_id: "sc_1", customer_group_ids: ["vip"] }
  const none = { min_value: {}, region_ids: [], sales_channel_ids: [], customer_group_ids: [], exclude_customer_group_ids: [], segments: [] }

  it("applies value, region, sales channel and group filters", () => {
    expect(audienceMismatch(null, cart)).toBeNull()
    expect(audienceMismatch({ ...none, min_value: { eur: 50 } }, cart)).toBe("below_min_value")
    expect(audienceMismatch({ ...none, min_value: { usd: 50 } }, cart)).toBeNull()
    expect(audienceMismatch({ ...none, region_ids: ["reg_2"] }, cart)).toBe("region")
    expect(audienceMismatch({ ...none, sales_channel_ids: ["sc_1"] }, cart)).toBeNull()
    expect(audienceMismatch({ ...none, customer_group_ids: ["wholesale"] }, cart)).toBe("customer_group")
    expect(audienceMismatch({ ...none, exclude_customer_group_ids: ["vip"] }, cart)).toBe("excluded_customer_group")
  })

  it("limits a campaign to RFM segments of the cart's customer; a customer without one is left out", () => {
    const atRisk = { ...none, segments: ["at_risk" as const, "cant_lose" as const] }
    expect(audienceMismatch(atRisk, { ...cart, segments: ["cant_lose"] })).toBeNull()
    expect(audienceMismatch(atRisk, { ...cart, segments: ["champions"] })).toBe("segment")
    expect(audienceMismatch(atRisk, cart)).toBe("segment")
    expect(audienceMismatch(none, cart)).toBeNull()
  })

  it("fills subject placeholders and drops a missing name cleanly", () => {
    expect(fillSubject("{{customerName}}, your cart at {{storeName}}", { customerName: "Ayşe", storeName: "Kahve" })).toBe("Ayşe, your cart at Kahve")
    expect(fillSubject("{{customerName}}, your cart at {{storeName}}", { storeName: "Kahve" })).toBe("Your cart at Kahve")
  })

  it("rejects steps with an unknown template or a percentage over 100", () => {
    expect(stepSchema.safeParse({ delay_hours: 1, template: "nps-survey" }).success).toBe(false)
    expect(stepSchema.safeParse({ delay_hours: 1, discount: { type: "percentage", value: 120 } }).success).toBe(false)
    expect(stepSchema.safeParse({ delay_hours: 1 }).success).toBe(true)
  })

  it("ships a default of 1 h, 24 h with 10 % off, and 72 h", () => {
    expect(steps.map((s) => s.delay_hours)).toEqual([1, 24, 72])
    expect(steps[1].discount).toMatchObject({ type: "percentage", value: 10 })
  })
})

describe("discounts and currencies", () => {
  it("requires a currency for a fixed amount, not for a percentage", () => {
    const fixed = discountSchema.safeParse({ type: "fixed", value: 10 })
    expect(fixed.success).toBe(false)
    expect(fixed.error?.issues[0]).toMatchObject({ path: ["currency_code"], message: "is required for a fixed amount" })
    expect(discountSchema.safeParse({ type: "fixed", value: 10, currency_code: "EUR" }).success).toBe(true)
    expect(discountSchema.safeParse({ type: "percentage", value: 10 }).success).toBe(true)
  })

  it("gives a fixed amount only to carts in its currency, a percentage to all", () => {
    const fixed = { type: "fixed" as const, value: 10, currency_code: "eur" }
    expect(discountForCurrency(fixed, "EUR")).toBe(fixed)
    expect(discountForCurrency(fixed, "try")).toBeNull()
    const percent = { type: "percentage" as const, value: 10 }
    expect(discountForCurrency(percent, "try")).toBe(percent)
    expect(discountForCurrency(null, "eur")).toBeNull()
  })
})
