import { formatPercent, presetRange, readableRange } from "../analytics"

describe("Overview range and figure helpers", () => {
  it("gives a preset as the last N days including today, in the given time zone", () => {
    // 29 days before 1 March 2026 (February has 28 days).
    expect(presetRange(30, "UTC", new Date("2026-03-01T10:00:00Z"))).toEqual({ from: "2026-01-31", to: "2026-03-01" })
    expect(presetRange(7, "UTC", new Date("2026-01-03T23:59:00Z"))).toEqual({ from: "2025-12-28", to: "2026-01-03" })
    expect(presetRange(1, "UTC", new Date("2026-01-03T00:00:00Z"))).toEqual({ from: "2026-01-03", to: "2026-01-03" })
    // 22:30 UTC on 1 March is already 01:30 on 2 March in Istanbul: today there is 2 March.
    expect(presetRange(7, "Europe/Istanbul", new Date("2026-03-01T22:30:00Z"))).toEqual({ from: "2026-02-24", to: "2026-03-02" })
    // 03:00 UTC on 2 March is still the evening of 1 March in New York.
    expect(presetRange(1, "America/New_York", new Date("2026-03-02T03:00:00Z"))).toEqual({ from: "2026-03-01", to: "2026-03-01" })
    // Across New York's spring-forward (8 March 2026) a preset is still whole calendar days.
    expect(presetRange(3, "America/New_York", new Date("2026-03-09T12:00:00Z"))).toEqual({ from: "2026-03-07", to: "2026-03-09" })
  })

  it("reads a half-open range back as the inclusive days of the store's zone", () => {
    // The expected days are written at noon UTC in the runtime's own locale, so only the days
    // are under test: Istanbul 2 March 00:00 to 9 March 00:00 is 2 to 8 March there.
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12)).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    const range = { from: "2026-03-01T21:00:00.000Z", to: "2026-03-08T21:00:00.000Z" }
    expect(readableRange(range, "Europe/Istanbul")).toBe(`${day(2)} – ${day(8)}`)
    // The same instants in UTC are 1 to 8 March.
    expect(readableRange(range, "UTC")).toBe(`${day(1)} – ${day(8)}`)
    // New York around spring forward: 7 March 00:00 EST to 10 March 00:00 EDT.
    expect(readableRange({ from: "2026-03-07T05:00:00.000Z", to: "2026-03-10T04:00:00.000Z" }, "America/New_York")).toBe(`${day(7)} – ${day(9)}`)
  })

  it("writes a share as a percentage, a missing one as a dash", () => {
    expect(formatPercent(0.1234)).toBe("12.3 %")
    expect(formatPercent(1, 0)).toBe("100 %")
    expect(formatPercent(0)).toBe("0.0 %")
    expect(formatPercent(null)).toBe("–")
  })
})
