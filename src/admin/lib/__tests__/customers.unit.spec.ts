import { cohortShade, formatDate, formatDays, formatMonth, storeDays } from "../customers"

describe("Customers page formatting", () => {
  it("writes dates as Medusa's admin does, in the store's time zone when given", () => {
    expect(formatDate("2026-12-04T10:00:00Z", "UTC")).toBe("Dec 4, 2026")
    // 22:30 UTC on 4 December is already 5 December in Istanbul.
    expect(formatDate("2026-12-04T22:30:00Z", "Europe/Istanbul")).toBe("Dec 5, 2026")
    expect(formatMonth("2025-03")).toBe("Mar 2025")
  })

  it("reads the route's half-open range as inclusive store days", () => {
    expect(storeDays({ from: "2025-02-28T21:00:00.000Z", to: "2025-03-31T21:00:00.000Z" }, "Europe/Istanbul")).toBe("Mar 1, 2025 – Mar 31, 2025")
  })

  it("shades cohort cells darker with the share, saturating at 50 %", () => {
    expect(cohortShade(0)).toEqual({ backgroundColor: "transparent" })
    expect(cohortShade(0.1).backgroundColor).toBe("rgba(37, 99, 235, 0.26)")
    expect(cohortShade(0.5)).toEqual({ backgroundColor: "rgba(37, 99, 235, 0.90)", color: "white" })
    expect(cohortShade(0.9)).toEqual(cohortShade(0.5))
  })

  it("says days in words", () => {
    expect(formatDays(null)).toBe("–")
    expect(formatDays(1)).toBe("1 day")
    expect(formatDays(22.96)).toBe("23 days")
  })
})
