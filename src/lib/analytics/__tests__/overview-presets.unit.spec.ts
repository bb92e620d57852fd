import { formatPercent, presetRange, readableRange } from "../../../admin/lib/analytics"

describe("the Overview page's ranges", () => {
  it("takes a preset as that many calendar days including today, as the route's inclusive dates", () => {
    const today = new Date("2026-03-31T23:30:00Z")
    expect(presetRange(7, "UTC", today)).toEqual({ from: "2026-03-25", to: "2026-03-31" })
    expect(presetRange(30, "UTC", today)).toEqual({ from: "2026-03-02", to: "2026-03-31" })
  })

  it("reads the route's half-open range back as the last day it includes", () => {
    const text = readableRange({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" })
    expect(text).toContain("31")
    expect(text).not.toContain("Apr")
  })

  it("reads the range in the store's time zone", () => {
    // March in Istanbul (UTC+3): in UTC it would read 28 Feb – 31 Mar.
    const text = readableRange({ from: "2025-02-28T21:00:00.000Z", to: "2025-03-31T21:00:00.000Z" }, "Europe/Istanbul")
    expect(text).not.toContain("Feb")
    expect(text).toContain("31")
  })

  it("shows an unknown rate as a dash, not 0 %", () => {
    expect(formatPercent(null)).toBe("–")
    expect(formatPercent(0.256)).toBe("25.6 %")
  })
})
