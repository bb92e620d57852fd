import {
  birthdaysOn,
  calendarDate,
  checkRedemption,
  DEFAULT_PROGRAM,
  parseBirthday,
  pointsForAmount,
  pointValueFor,
  programSettingsSchema,
  tierFor,
} from "../program"

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

  it("values a point per currency, falling back to pointValue", () => {
    const perCurrency = { ...settings, pointValueByCurrency: { try: 0.3 } }
    expect(pointValueFor(perCurrency, "TRY")).toBe(0.3)
    expect(pointValueFor(perCurrency, "eur")).toBe(0.01)
    expect(pointValueFor(perCurrency, null)).toBe(0.01)
    // 200 points are 60.00 in a lira cart and 2.00 in a euro cart.
    expect(checkRedemption(perCurrency, { points: 200, available: 500, cartSubtotal: 1000, currency: "try" })).toEqual({ ok: true, amount: 60 })
    expect(checkRedemption(perCurrency, { points: 200, available: 500, cartSubtotal: 1000, currency: "eur" })).toEqual({ ok: true, amount: 2 })
    // The share limit is in the cart's money too: at most 50% of 100 TRY = 50 TRY = 150 points.
    expect(checkRedemption(perCurrency, { points: 200, available: 500, cartSubtotal: 100, currency: "try" })).toMatchObject({ ok: false, message: expect.stringMatching(/at most 150 points/) })
  })

  it("loads settings saved before the per-currency value and birthday settings existed", () => {
    const { pointValueByCurrency: _v, birthdayBonus: _b, birthdayMetadataKey: _k, ...old } = DEFAULT_PROGRAM
    const parsed = programSettingsSchema.parse(old)
    expect(parsed).toMatchObject({ pointValueByCurrency: {}, birthdayBonus: 0, birthdayMetadataKey: "birthday" })
    const bad = programSettingsSchema.safeParse({ ...DEFAULT_PROGRAM, pointValueByCurrency: { EUR: 0.01 } })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].path.join(".")).toBe("pointValueByCurrency.EUR")
  })

  it("reads birthdays and celebrates 29 February on the 28th in non-leap years", () => {
    expect(parseBirthday("1990-05-14")).toEqual({ month: 5, day: 14 })
    expect(parseBirthday("05-14")).toEqual({ month: 5, day: 14 })
    expect(parseBirthday("02-29")).toEqual({ month: 2, day: 29 })
    expect(parseBirthday("1991-02-29")).toBeNull()
    expect(parseBirthday("13-01")).toBeNull()
    expect(parseBirthday("14/05/1990")).toBeNull()
    expect(parseBirthday(19900514)).toBeNull()
    expect(birthdaysOn({ year: 2027, month: 2, day: 28 })).toEqual(["02-28", "02-29"])
    expect(birthdaysOn({ year: 2028, month: 2, day: 28 })).toEqual(["02-28"])
    expect(birthdaysOn({ year: 2028, month: 2, day: 29 })).toEqual(["02-29"])
    expect(birthdaysOn({ year: 2100, month: 2, day: 28 })).toEqual(["02-28", "02-29"])
    // 23:30 UTC on 13 May is already 14 May in Istanbul.
    const instant = new Date("2027-05-13T23:30:00Z")
    expect(calendarDate(instant, "UTC")).toEqual({ year: 2027, month: 5, day: 13 })
    expect(calendarDate(instant, "Europe/Istanbul")).toEqual({ year: 2027, month: 5, day: 14 })
  })
})
