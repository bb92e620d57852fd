import { axisMoney, bucketLabel, fillDays, niceMax, shortDay, spreadLabels, valueTicks } from "../daily-chart"

describe("daily chart helpers", () => {
  it("fills the last N UTC days with zeros where there is no row, oldest first", () => {
    const points = fillDays([{ day: "2026-12-03", sends: 4, recoveries: 1 }], ["sends", "recoveries"], 3, new Date("2026-12-04T23:30:00Z"))
    expect(points).toEqual([
      { day: "2026-12-02", sends: 0, recoveries: 0 },
      { day: "2026-12-03", sends: 4, recoveries: 1 },
      { day: "2026-12-04", sends: 0, recoveries: 0 },
    ])
  })

  it("reads rows keyed by a timestamp, takes numbers written as text, and drops rows and keys outside", () => {
    const points = fillDays(
      [
        { day: "2026-02-28T00:00:00.000Z", sends: "7", other: 3 },
        { day: "2026-02-20", sends: 99 },
      ],
      ["sends"],
      3,
      // Across the end of February 2026 (28 days).
      new Date("2026-03-01T00:30:00Z")
    )
    expect(points).toEqual([
      { day: "2026-02-27", sends: 0 },
      { day: "2026-02-28", sends: 7 },
      { day: "2026-03-01", sends: 0 },
    ])
    expect(fillDays([{ day: "2026-03-01", sends: 1 }], ["sends"], 0, new Date("2026-03-01T12:00:00Z"))).toEqual([])
    expect(fillDays([], ["sends"], 30, new Date("2026-03-01T12:00:00Z"))).toHaveLength(30)
  })

  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect(niceMax(0)).toBe(1)
    expect(niceMax(3)).toBe(5)
    expect(niceMax(7)).toBe(10)
    expect(niceMax(11)).toBe(20)
    expect(niceMax(20)).toBe(20)
    expect(niceMax(430)).toBe(500)
  })

  it("keeps an exact power of ten, goes to the next step just above it, and handles fractions and negatives", () => {
    expect(niceMax(1)).toBe(1)
    expect(niceMax(1000)).toBe(1000)
    expect(niceMax(1001)).toBe(2000)
    expect(niceMax(100_000)).toBe(100_000)
    expect(niceMax(1.2)).toBe(2)
    expect(niceMax(0.3)).toBe(1)
    expect(niceMax(-5)).toBe(1)
    expect(niceMax(5001)).toBe(10_000)
  })

  it("ticks the value axis at the top, its half and zero, counts only at whole halves", () => {
    expect(valueTicks(7)).toEqual([10, 5, 0])
    expect(valueTicks(150)).toEqual([200, 100, 0])
    // 5 emails: no tick at 2.5.
    expect(valueTicks(3)).toEqual([5, 0])
    expect(valueTicks(0)).toEqual([1, 0])
    // Money may have half ticks.
    expect(valueTicks(3, false)).toEqual([5, 2.5, 0])
    expect(valueTicks(0, false)).toEqual([1, 0.5, 0])
    expect(valueTicks(1800, false)).toEqual([2000, 1000, 0])
  })

  it("spreads at most `slots` date labels, evenly, with the first and the last", () => {
    expect(spreadLabels(0, 5)).toEqual([])
    expect(spreadLabels(1, 5)).toEqual([0])
    expect(spreadLabels(2, 5)).toEqual([0, 1])
    expect(spreadLabels(7, 7)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(spreadLabels(10, 4)).toEqual([0, 3, 6, 9])
    expect(spreadLabels(9, 4)).toEqual([0, 3, 6, 8])
    // 30 days in 6 slots: every sixth day, and the last.
    expect(spreadLabels(30, 6)).toEqual([0, 6, 12, 18, 24, 29])
    expect(spreadLabels(31, 6)).toEqual([0, 6, 12, 18, 24, 30])
    expect(spreadLabels(91, 7)).toEqual([0, 15, 30, 45, 60, 75, 90])
  })

  it("drops the label before the last when it would crowd it", () => {
    // Step 3: 6 and 7 are one apart, less than half a step.
    expect(spreadLabels(8, 4)).toEqual([0, 3, 7])
    // Step 4: 12 and 13.
    expect(spreadLabels(14, 5)).toEqual([0, 4, 8, 13])
  })

  it("never gives more labels than slots, and always starts at 0 and ends at the last position", () => {
    for (let count = 1; count <= 120; count++) {
      for (let slots = 2; slots <= 12; slots++) {
        const picked = spreadLabels(count, slots)
        expect(picked.length).toBeLessThanOrEqual(slots)
        expect(picked[0]).toBe(0)
        expect(picked[picked.length - 1]).toBe(count - 1)
        for (let i = 1; i < picked.length; i++) expect(picked[i]).toBeGreaterThan(picked[i - 1])
      }
    }
  })

  it("writes a day as Medusa's admin does", () => {
    expect(shortDay("2026-12-04")).toBe("Dec 4")
    // A timestamp is read by its date, whatever its time.
    expect(shortDay("2026-03-08T23:30:00.000Z")).toBe("Mar 8")
    expect(shortDay("2026-01-01T00:00:00.000Z")).toBe("Jan 1")
  })

  it("names a bucket by its day, or as the week starting that Monday", () => {
    expect(bucketLabel("2025-12-29", "day")).toBe("Dec 29")
    expect(bucketLabel("2025-12-29", "week")).toBe("Week of Dec 29")
  })

  it("writes money on the value axis short, in the currency's narrow symbol", () => {
    expect(axisMoney(1500, "eur", "en-US")).toBe("€1.5K")
    expect(axisMoney(2.5, "eur", "en-US")).toBe("€2.5")
    expect(axisMoney(2_500_000, "usd", "en-US")).toBe("$2.5M")
    // A malformed code still shows its amount, with the code.
    expect(axisMoney(1500, "eu", "en-US")).toBe("1.5K EU")
  })

  it("writes whole amounts on the value axis without a decimal", () => {
    expect(axisMoney(0, "eur", "en-US")).toBe("€0")
    expect(axisMoney(500, "usd", "en-US")).toBe("$500")
    expect(axisMoney(12_000, "try", "en-US")).toBe("₺12K")
  })
})
