import { checkRedemption, DEFAULT_PROGRAM, pointsForAmount, programSettingsSchema, tierFor } from "../program"

const settings = { ...DEFAULT_PROGRAM, pointsPerCurrencyUnit: { eur: 10, try: 0.05 }, pointValue: 0.01, minRedeemPoints: 100, redeemStep: 50, maxRedeemShare: 0.5 }

describe("loyalty program rules", () => {
  it("earns per currency unit with rounding and the tier multiplier", () => {
    expect(pointsForAmount(settings, "EUR", 12.99)).toBe(129)
    expect(pointsForAmount({ ...settings, rounding: "ceil" }, "eur", 12.91)).toBe(130)
    expect(pointsForAmount(settings, "eur", 10, 1.5)).toBe(150)
    expect(pointsForAmount(settings, "try", 999)).toBe(49)
    expect(pointsForAmount(settings, "usd", 100)).toBe(0)
    expect(pointsForAmount(settings, "eur", -5)).toBe(0)
  })

  it("finds the current and next tier", () => {
    expect(tierFor(DEFAULT_PROGRAM, 0)).toMatchObject({ current: { key: "bronze" }, next: { key: "silver" } })
    expect(tierFor(DEFAULT_PROGRAM, 1000)).toMatchObject({ current: { key: "silver" }, next: { key: "gold" } })
    expect(tierFor(DEFAULT_PROGRAM, 99_999)).toMatchObject({ current: { key: "gold" }, next: null })
  })

  it("checks minimum, step, share of the cart and balance, naming the field", () => {
    expect(checkRedemption(settings, { points: 200, available: 500, cartSubtotal: 10 })).toEqual({ ok: true, amount: 2 })
    expect(checkRedemption(settings, { points: 50, available: 500, cartSubtotal: 10 })).toMatchObject({ ok: false, field: "points", message: "must be at least 100" })
    expect(checkRedemption(settings, { points: 120, available: 500, cartSubtotal: 10 })).toMatchObject({ message: "must be a multiple of 50" })
    expect(checkRedemption(settings, { points: 600, available: 1000, cartSubtotal: 10 })).toMatchObject({ ok: false, message: expect.stringMatching(/at most 50%.*500 points/) })
    expect(checkRedemption(settings, { points: 300, available: 250, cartSubtotal: 100 })).toMatchObject({ ok: false, message: "exceeds the available balance of 250" })
  })

  it("refuses settings with unordered tiers or a minimum off the step", () => {
    const bad = programSettingsSchema.safeParse({
      ...DEFAULT_PROGRAM,
      minRedeemPoints: 75,
      tiers: [
        { key: "a", name: "A", threshold: 100, multiplier: 1 },
        { key: "b", name: "B", threshold: 50, multiplier: 1.1 },
      ],
    })
    expect(bad.success).toBe(false)
    const paths = bad.error?.issues.map((i) => i.path.join(".")) ?? []
    expect(paths).toEqual(expect.arrayContaining(["minRedeemPoints", "tiers.1.threshold"]))
    expect(programSettingsSchema.safeParse(DEFAULT_PROGRAM).success).toBe(true)
  })
})
