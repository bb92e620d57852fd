import { npsDomain, trendBucketLabel, trendTickLabel } from "../nps"

describe("NPS trend chart", () => {
  it("spans 0 and every point in steps of 25, or 50 when the range is wider than 100", () => {
    expect(npsDomain([12, 40])).toEqual({ min: 0, max: 50, step: 25 })
    expect(npsDomain([-30, -5])).toEqual({ min: -50, max: 0, step: 25 })
    expect(npsDomain([-60, 70])).toEqual({ min: -100, max: 100, step: 50 })
    expect(npsDomain([100])).toEqual({ min: 0, max: 100, step: 25 })
    // Only zeros: a band around the zero line, not a flat frame.
    expect(npsDomain([0, 0])).toEqual({ min: -25, max: 25, step: 25 })
  })

  it("dates its points as Medusa's admin writes dates, as UTC days wherever the admin is", () => {
    expect(trendBucketLabel("2026-12-04", "day")).toBe("Dec 4, 2026")
    expect(trendBucketLabel("2026-11-30", "week")).toBe("Week of Nov 30, 2026")
    expect(trendBucketLabel("2026-12-01", "month")).toBe("Dec 2026")
    expect(trendTickLabel("2026-12-04", "week", false)).toBe("Dec 4")
    expect(trendTickLabel("2026-12-04", "week", true)).toBe("Dec 4, 2026")
  })
})
