import { segmentFor, quintile } from "../../../modules/customer-segments/rules"
import { cohortRows, monthIn, predictClv, resolveZonedPeriods, resolveZonedRange, startOfDayIn } from "../customer-maths"

describe("ranges in the store's time zone", () => {
  it("starts a calendar day at local midnight, before and after a daylight-saving change", () => {
    expect(startOfDayIn("2025-03-01", "Europe/Istanbul").toISOString()).toBe("2025-02-28T21:00:00.000Z")
    expect(startOfDayIn("2025-03-30", "Europe/Berlin").toISOString()).toBe("2025-03-29T23:00:00.000Z")
    expect(startOfDayIn("2025-03-31", "Europe/Berlin").toISOString()).toBe("2025-03-30T22:00:00.000Z")
    expect(startOfDayIn("2025-03-01", "UTC").toISOString()).toBe("2025-03-01T00:00:00.000Z")
  })

  it("includes the whole last day and refuses inverted or over-long ranges", () => {
    const now = new Date("2026-01-01T00:00:00Z")
    expect(resolveZonedRange({ from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Istanbul", now })).toEqual({
      range: { from: new Date("2025-02-28T21:00:00Z"), to: new Date("2025-03-31T21:00:00Z") },
    })
    expect(resolveZonedRange({ from: "2025-03-31", to: "2025-03-01", timeZone: "UTC", now })).toEqual({ error: "to: must be after from" })
    expect(resolveZonedRange({ from: "2019-01-01", to: "2025-03-01", timeZone: "UTC", now })).toEqual({
      error: "to: the range may span at most 5 years",
    })
  })

  it("without from, takes the 30 store days up to and including to", () => {
    // New York: 30 days up to 31 March 2025 begin at 00:00 EST on 2 March (05:00 UTC), not
    // 30 × 24 hours before 1 April 00:00 EDT (04:00 UTC), which would be 23:00 on 1 March.
    const now = new Date("2026-01-01T00:00:00Z")
    expect(resolveZonedRange({ to: "2025-03-31", timeZone: "America/New_York", now })).toEqual({
      range: { from: new Date("2025-03-02T05:00:00Z"), to: new Date("2025-04-01T04:00:00Z") },
    })
  })

  it("names the local month of an instant", () => {
    expect(monthIn(new Date("2025-02-28T22:00:00Z"), "Europe/Istanbul")).toBe("2025-03")
    expect(monthIn(new Date("2025-02-28T22:00:00Z"), "UTC")).toBe("2025-02")
  })
})

describe("the Overview's periods in the store's time zone", () => {
  const now = new Date("2026-01-01T00:00:00Z")

  it("compares March (store days) with the 31 store days before it", () => {
    // Istanbul is UTC+3 all year: March is [28 Feb 21:00, 31 Mar 21:00) UTC, and the 31 days
    // before it, 29 January to 28 February, begin at 21:00 UTC on 28 January.
    expect(resolveZonedPeriods({ from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Istanbul", now })).toEqual({
      current: { from: new Date("2025-02-28T21:00:00Z"), to: new Date("2025-03-31T21:00:00Z") },
      previous: { from: new Date("2025-01-28T21:00:00Z"), to: new Date("2025-02-28T21:00:00Z") },
    })
  })

  it("starts the previous period at a local midnight across a daylight-saving change", () => {
    // New York: March 2025 runs from 00:00 EST (05:00 UTC) to 1 April 00:00 EDT (04:00 UTC), one
    // hour short of 31 × 24 hours since clocks went forward on 9 March. The previous 31 days
    // (29 January to 28 February, all EST) begin at 05:00 UTC; the same length of time before
    // 1 March would begin at 06:00 UTC, 01:00 in the store.
    expect(resolveZonedPeriods({ from: "2025-03-01", to: "2025-03-31", timeZone: "America/New_York", now })).toEqual({
      current: { from: new Date("2025-03-01T05:00:00Z"), to: new Date("2025-04-01T04:00:00Z") },
      previous: { from: new Date("2025-01-29T05:00:00Z"), to: new Date("2025-03-01T05:00:00Z") },
    })
  })

  it("takes the same length of time before a range that does not end on a day", () => {
    // The default: 30 days up to now, against the 30 days before.
    const noon = new Date("2025-06-15T12:00:00Z")
    expect(resolveZonedPeriods({ timeZone: "Europe/Istanbul", now: noon })).toEqual({
      current: { from: new Date("2025-05-16T12:00:00Z"), to: noon },
      previous: { from: new Date("2025-04-16T12:00:00Z"), to: new Date("2025-05-16T12:00:00Z") },
    })
  })

  it("passes on the range's errors", () => {
    expect(resolveZonedPeriods({ from: "2025-03-31", to: "2025-03-01", timeZone: "UTC", now })).toEqual({ error: "to: must be after from" })
  })
})

describe("predicted lifetime value", () => {
  it("is AOV × purchases a year × 1 / yearly churn", () => {
    // 8 orders for 400 by 4 customers: AOV 50, 2 a year; 1 of 4 earlier customers left: 4 years.
    expect(predictClv({ orders: 8, revenue: 400, customers: 4, previousCustomers: 4, churned: 1 })).toEqual({
      aov: 50,
      frequency: 2,
      annual_churn: 0.25,
      lifespan_years: 4,
      predicted_clv: 400,
    })
  })

  it("caps the lifespan at ten years and says nothing without a year of history", () => {
    expect(predictClv({ orders: 1, revenue: 10, customers: 1, previousCustomers: 3, churned: 0 }).lifespan_years).toBe(10)
    expect(predictClv({ orders: 1, revenue: 10, customers: 1, previousCustomers: 0, churned: 0 }).predicted_clv).toBeNull()
  })
})

describe("cohort rows", () => {
  it("gives every later month a cell up to the last month, zero where nobody ordered", () => {
    const rows = cohortRows(
      [
        { cohort: "2025-01", offset: 0, customers: 4 },
        { cohort: "2025-01", offset: 2, customers: 1 },
        { cohort: "2025-03", offset: 0, customers: 2 },
      ],
      "2025-03"
    )
    expect(rows).toEqual([
      { cohort: "2025-01", customers: 4, months: [{ offset: 1, customers: 0, share: 0 }, { offset: 2, customers: 1, share: 0.25 }] },
      { cohort: "2025-03", customers: 2, months: [] },
    ])
  })
})

describe("RFM", () => {
  it("scores ten distinct values two to a quintile and ties at the lowest score", () => {
    expect(Array.from({ length: 10 }, (_, i) => quintile(i + 1, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    // Eight of ten customers with one order share rank 1.
    expect(quintile(1, 10)).toBe(1)
    expect(quintile(9, 10)).toBe(5)
  })

  it("names segments by the first matching rule", () => {
    expect(segmentFor({ r: 5, f: 1, m: 5, orders: 1 })).toBe("new")
    expect(segmentFor({ r: 4, f: 4, m: 4, orders: 3 })).toBe("champions")
    expect(segmentFor({ r: 3, f: 4, m: 5, orders: 3 })).toBe("loyal")
    expect(segmentFor({ r: 3, f: 1, m: 2, orders: 1 })).toBe("promising")
    expect(segmentFor({ r: 1, f: 5, m: 4, orders: 6 })).toBe("cant_lose")
    expect(segmentFor({ r: 2, f: 5, m: 4, orders: 6 })).toBe("at_risk")
    expect(segmentFor({ r: 2, f: 2, m: 2, orders: 2 })).toBe("hibernating")
    expect(segmentFor({ r: 1, f: 1, m: 1, orders: 1 })).toBe("lost")
  })
})
