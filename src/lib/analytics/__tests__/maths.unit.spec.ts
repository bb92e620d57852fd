import { z } from "@medusajs/framework/zod"
import { AnalyticsOverviewQuery } from "../../../api/admin/retention/analytics/overview/validators"
import { delta, incrementalRevenue, rate, resolveRange } from "../maths"

describe("resolveRange", () => {
  it("defaults to the 30 days before now and compares with the 30 days before that", () => {
    const now = new Date("2026-03-31T12:00:00Z")
    const { current, previous } = resolveRange({ now })
    expect(current).toEqual({ from: new Date("2026-03-01T12:00:00Z"), to: now })
    expect(previous).toEqual({ from: new Date("2026-01-30T12:00:00Z"), to: new Date("2026-03-01T12:00:00Z") })
  })

  it("takes a previous period of the same length that ends where the range starts", () => {
    const { previous } = resolveRange({
      from: new Date("2026-03-01T00:00:00Z"),
      to: new Date("2026-03-08T00:00:00Z"),
      now: new Date("2030-01-01T00:00:00Z"),
    })
    expect(previous).toEqual({ from: new Date("2026-02-22T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") })
  })
})

describe("rate and delta", () => {
  it("divides, and says nothing rather than 0 % when the whole is 0", () => {
    expect(rate(3, 12)).toBe(0.25)
    expect(rate(0, 0)).toBeNull()
  })

  it("gives the change and its percentage of the previous value", () => {
    expect(delta(150, 100)).toEqual({ change: 50, percent: 50 })
    expect(delta(75, 100)).toEqual({ change: -25, percent: -25 })
    // NPS can be negative: a move from -20 to -10 is an improvement of 50 %.
    expect(delta(-10, -20)).toEqual({ change: 10, percent: 50 })
    expect(delta(5, 0)).toEqual({ change: 5, percent: null })
    expect(delta(null, 3)).toBeNull()
  })
})

describe("incrementalRevenue", () => {
  it("is the emailed carts' revenue per cart above the holdout's, times the emailed carts", () => {
    // 10 emailed carts bought 300 (30 a cart); 4 holdout carts bought 40 (10 a cart): 20 × 10.
    expect(incrementalRevenue({ emailedCarts: 10, emailedRevenue: 300, holdoutCarts: 4, holdoutRevenue: 40 })).toBe(200)
    // The holdout did better (15 a cart against 5): a negative lift of 10 × 2 carts.
    expect(incrementalRevenue({ emailedCarts: 2, emailedRevenue: 10, holdoutCarts: 2, holdoutRevenue: 30 })).toBe(-20)
  })

  it("is unknown without a holdout group or without emailed carts", () => {
    expect(incrementalRevenue({ emailedCarts: 10, emailedRevenue: 300, holdoutCarts: 0, holdoutRevenue: 0 })).toBeNull()
    expect(incrementalRevenue({ emailedCarts: 0, emailedRevenue: 0, holdoutCarts: 3, holdoutRevenue: 20 })).toBeNull()
  })
})

describe("AnalyticsOverviewQuery", () => {
  const issues = (value: unknown) => {
    const result = AnalyticsOverviewQuery.safeParse(value)
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)
  }

  it("passes calendar days and timestamps through as text: the route reads them in the store's time zone", () => {
    const parsed: z.output<typeof AnalyticsOverviewQuery> = AnalyticsOverviewQuery.parse({ from: "2026-03-01", to: "2026-03-31T12:00:00Z" })
    expect(parsed).toEqual({ from: "2026-03-01", to: "2026-03-31T12:00:00Z" })
  })

  it("names the field of an invalid date or an unknown field (the range's order and length are checked in the route)", () => {
    expect(issues({ from: "2026-02-30", to: "2026-03-31" })).toEqual(["from: must be a valid date"])
    expect(issues({ from: "yesterday" })).toEqual(["from: must be an ISO date such as 2026-01-31"])
    expect(issues({ days: "7" })).toEqual([": Unrecognized key: \"days\""])
    expect(issues({ from: "2021-01-01", to: "2025-12-31" })).toEqual([])
  })
})
