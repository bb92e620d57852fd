import { loadRevenueSeries, type SqlConnection } from "../overview"
import { bucketOf, bucketStarts, dayIn, isoWeekStart, seriesBucket } from "../revenue-series"

// Expectations are worked out by hand from the calendar: 1 January 2026 is a Thursday; Istanbul
// is UTC+3 all year; New York moves from UTC-5 to UTC-4 on Sunday 8 March 2026 at 02:00 and back
// on Sunday 1 November 2026 at 02:00.
const at = (iso: string) => new Date(iso)
const range = (from: string, to: string) => ({ from: at(from), to: at(to) })
const HOUR = 3600_000
const DAY = 24 * HOUR

describe("seriesBucket: days up to 90 days, ISO weeks beyond", () => {
  it("switches from days to weeks between 90 and 91 days", () => {
    expect(seriesBucket(range("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"))).toBe("day") // 31 + 28 + 31 = 90 days
    expect(seriesBucket(range("2026-01-01T00:00:00Z", "2026-04-02T00:00:00Z"))).toBe("week") // 91 days
    expect(seriesBucket(range("2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z"))).toBe("day")
    expect(seriesBucket(range("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))).toBe("week")
  })

  it("counts store days, not hours, across a daylight-saving change", () => {
    // New York, 1 January to 31 March 2026 inclusive (90 store days): spring forward makes the
    // range one hour short of 90 × 24 h.
    expect(seriesBucket(range("2026-01-01T05:00:00Z", "2026-04-01T04:00:00Z"))).toBe("day")
    // …and 1 January to 1 April (91 store days) is still weeks.
    expect(seriesBucket(range("2026-01-01T05:00:00Z", "2026-04-02T04:00:00Z"))).toBe("week")
    // 1 September to 29 November 2026 (30 + 31 + 29 = 90 store days): fall back makes it one
    // hour longer than 90 × 24 h.
    expect(seriesBucket(range("2026-09-01T04:00:00Z", "2026-11-30T05:00:00Z"))).toBe("day")
    expect(seriesBucket(range("2026-09-01T04:00:00Z", "2026-12-01T05:00:00Z"))).toBe("week")
  })
})

describe("dayIn: the store's calendar day of an instant", () => {
  it("turns the day at local midnight in Istanbul (UTC+3)", () => {
    expect(dayIn(at("2026-03-01T20:59:59.999Z"), "Europe/Istanbul")).toBe("2026-03-01")
    expect(dayIn(at("2026-03-01T21:00:00Z"), "Europe/Istanbul")).toBe("2026-03-02")
    // The UTC day is still the 1st at that moment.
    expect(dayIn(at("2026-03-01T21:00:00Z"), "UTC")).toBe("2026-03-01")
    // New Year in Istanbul three hours before UTC.
    expect(dayIn(at("2025-12-31T21:00:00Z"), "Europe/Istanbul")).toBe("2026-01-01")
  })

  it("follows New York's offset on both sides of a daylight-saving change", () => {
    // Saturday 7 March ends at 05:00 UTC (EST, UTC-5)…
    expect(dayIn(at("2026-03-08T04:59:59.999Z"), "America/New_York")).toBe("2026-03-07")
    expect(dayIn(at("2026-03-08T05:00:00Z"), "America/New_York")).toBe("2026-03-08")
    // …Sunday 8 March (23 hours long) ends at 04:00 UTC (EDT, UTC-4).
    expect(dayIn(at("2026-03-09T03:59:59.999Z"), "America/New_York")).toBe("2026-03-08")
    expect(dayIn(at("2026-03-09T04:00:00Z"), "America/New_York")).toBe("2026-03-09")
    // Sunday 1 November is 25 hours long: 04:00 UTC to 05:00 UTC the next day.
    expect(dayIn(at("2026-11-01T04:00:00Z"), "America/New_York")).toBe("2026-11-01")
    expect(dayIn(at("2026-11-02T04:59:59.999Z"), "America/New_York")).toBe("2026-11-01")
    expect(dayIn(at("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02")
  })
})

describe("isoWeekStart and bucketOf", () => {
  it("starts the ISO week on Monday, also across a year's end", () => {
    expect(isoWeekStart("2026-01-01")).toBe("2025-12-29") // Thursday
    expect(isoWeekStart("2026-01-04")).toBe("2025-12-29") // Sunday: the week's last day
    expect(isoWeekStart("2026-01-05")).toBe("2026-01-05") // Monday
    expect(isoWeekStart("2026-01-06")).toBe("2026-01-05")
    expect(isoWeekStart("2026-03-01")).toBe("2026-02-23") // Sunday, across a month's end
    expect(isoWeekStart("2024-03-03")).toBe("2024-02-26") // Sunday after 29 February 2024
  })

  it("keeps a day as it is in day buckets", () => {
    expect(bucketOf("2026-01-04", "day")).toBe("2026-01-04")
    expect(bucketOf("2026-01-04", "week")).toBe("2025-12-29")
  })

  it("puts Sunday night and Monday morning of New York in different weeks", () => {
    // Monday 9 March 2026 begins at 04:00 UTC (EDT).
    expect(bucketOf(dayIn(at("2026-03-09T03:59:59.999Z"), "America/New_York"), "week")).toBe("2026-03-02")
    expect(bucketOf(dayIn(at("2026-03-09T04:00:00Z"), "America/New_York"), "week")).toBe("2026-03-09")
  })
})

describe("bucketStarts: every bucket of a half-open range", () => {
  it("lists the store's days, the range's end at local midnight excluded", () => {
    // Istanbul 2 March 00:00 to 5 March 00:00.
    expect(bucketStarts(range("2026-03-01T21:00:00Z", "2026-03-04T21:00:00Z"), "Europe/Istanbul", "day")).toEqual([
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
    ])
    // The same instants read in UTC span four UTC days.
    expect(bucketStarts(range("2026-03-01T21:00:00Z", "2026-03-04T21:00:00Z"), "UTC", "day")).toEqual([
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
    ])
    // One millisecond before local midnight already belongs to the 1st.
    expect(bucketStarts(range("2026-03-01T20:59:59.999Z", "2026-03-02T21:00:00Z"), "Europe/Istanbul", "day")).toEqual(["2026-03-01", "2026-03-02"])
  })

  it("has one bucket per store day across New York's short and long days", () => {
    // 7 March 00:00 EST to 10 March 00:00 EDT: three days, 71 hours.
    expect(bucketStarts(range("2026-03-07T05:00:00Z", "2026-03-10T04:00:00Z"), "America/New_York", "day")).toEqual([
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ])
    // 31 October 00:00 EDT to 3 November 00:00 EST: three days, 73 hours.
    expect(bucketStarts(range("2026-10-31T04:00:00Z", "2026-11-03T05:00:00Z"), "America/New_York", "day")).toEqual([
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ])
  })

  it("gives a 30-day range 30 buckets in a non-UTC zone", () => {
    // Istanbul 1 to 30 November 2026.
    const days = bucketStarts(range("2026-10-31T21:00:00Z", "2026-11-30T21:00:00Z"), "Europe/Istanbul", "day")
    expect(days).toHaveLength(30)
    expect(days[0]).toBe("2026-11-01")
    expect(days[29]).toBe("2026-11-30")
  })

  it("lists the Mondays of the ISO weeks a long range touches, the first and last week partly outside", () => {
    // Istanbul, Thursday 1 January to Thursday 2 April 2026 inclusive (92 days): weeks from
    // Monday 29 December 2025 to Monday 30 March 2026, 13 weeks apart.
    const r = range("2025-12-31T21:00:00Z", "2026-04-02T21:00:00Z")
    expect(seriesBucket(r)).toBe("week")
    const weeks = bucketStarts(r, "Europe/Istanbul", "week")
    expect(weeks).toHaveLength(14)
    expect(weeks[0]).toBe("2025-12-29")
    expect(weeks[1]).toBe("2026-01-05")
    expect(weeks[13]).toBe("2026-03-30")
    for (const monday of weeks) expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1)
  })

  it("starts New York's weeks on local Mondays across the spring-forward change", () => {
    // Monday 2 March 00:00 EST to Monday 16 March 00:00 EDT: exactly two ISO weeks.
    expect(bucketStarts(range("2026-03-02T05:00:00Z", "2026-03-16T04:00:00Z"), "America/New_York", "week")).toEqual(["2026-03-02", "2026-03-09"])
    // One hour later at the end (01:00 on Monday 16 March): a third week begins.
    expect(bucketStarts(range("2026-03-02T05:00:00Z", "2026-03-16T05:00:00Z"), "America/New_York", "week")).toEqual([
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
    ])
  })

  it("has no buckets for an empty range that starts at a local midnight", () => {
    expect(bucketStarts(range("2026-03-01T21:00:00Z", "2026-03-01T21:00:00Z"), "Europe/Istanbul", "day")).toEqual([])
    expect(bucketStarts(range("2026-03-02T05:00:00Z", "2026-03-02T05:00:00Z"), "America/New_York", "week")).toEqual([])
  })

  it("has exactly one bucket for a range of one millisecond", () => {
    expect(bucketStarts(range("2026-03-01T21:00:00Z", "2026-03-01T21:00:00.001Z"), "Europe/Istanbul", "day")).toEqual(["2026-03-02"])
  })
})

describe("loadRevenueSeries: the SQL rows as one series per currency", () => {
  // A fake connection: records what was asked, answers with fixed rows.
  const fakePg = (rows: Record<string, unknown>[]) => {
    const calls: { sql: string; bindings: readonly (string | number)[] }[] = []
    const pg: SqlConnection = {
      raw: async (sql, bindings) => {
        calls.push({ sql, bindings })
        return { rows }
      },
    }
    return { pg, calls }
  }
  const zeros = { store_orders: 0, store_revenue: 0, recovered_revenue: 0, loyalty_revenue: 0, renewal_revenue: 0, attributed_revenue: 0, stack: { recovered: 0, renewal: 0, loyalty: 0 } }

  it("keeps each currency's buckets apart, fills days without orders with zeros, and sorts currencies", async () => {
    // Istanbul 2 to 4 March 2026. The rows come as the query groups them: per currency and
    // bucket, and a null bucket with the currency's totals.
    const rows = [
      { currency_code: "try", bucket: null, orders: 1, revenue: "1000.126", loyalty_orders: 1, loyalty_revenue: "1000.126", attributed_revenue: "1000.126" },
      { currency_code: "try", bucket: "2026-03-03", orders: 1, revenue: "1000.126", loyalty_revenue: "1000.126", attributed_revenue: "1000.126", stack_loyalty: "1000.126" },
      { currency_code: "eur", bucket: null, orders: 3, revenue: "150.50", recovered_orders: 1, recovered_revenue: "20" },
      {
        currency_code: "eur",
        bucket: "2026-03-02",
        orders: 2,
        revenue: "100.50",
        recovered_revenue: "20",
        loyalty_revenue: "30",
        renewal_revenue: "0",
        attributed_revenue: "45",
        stack_recovered: "20",
        stack_renewal: "0",
        stack_loyalty: "25",
      },
      { currency_code: "eur", bucket: "2026-03-04", orders: 1, revenue: "50" },
      // A bucket outside the range is not drawn.
      { currency_code: "eur", bucket: "2026-03-05", orders: 9, revenue: "999" },
    ]
    const { pg, calls } = fakePg(rows)
    const { series, totals } = await loadRevenueSeries(pg, range("2026-03-01T21:00:00Z", "2026-03-04T21:00:00Z"), "Europe/Istanbul")

    expect(series.bucket).toBe("day")
    expect(series.currencies.map((c) => c.currency_code)).toEqual(["eur", "try"])
    const [eur, tryLira] = series.currencies
    expect(eur.buckets).toEqual([
      {
        start: "2026-03-02",
        store_orders: 2,
        store_revenue: 100.5,
        recovered_revenue: 20,
        loyalty_revenue: 30,
        renewal_revenue: 0,
        attributed_revenue: 45,
        stack: { recovered: 20, renewal: 0, loyalty: 25 },
      },
      { start: "2026-03-03", ...zeros },
      { start: "2026-03-04", ...zeros, store_orders: 1, store_revenue: 50 },
    ])
    // The lira order is only in the lira series, its amount rounded to cents.
    expect(tryLira.buckets).toEqual([
      { start: "2026-03-02", ...zeros },
      { start: "2026-03-03", ...zeros, store_orders: 1, store_revenue: 1000.13, loyalty_revenue: 1000.13, attributed_revenue: 1000.13, stack: { recovered: 0, renewal: 0, loyalty: 1000.13 } },
      { start: "2026-03-04", ...zeros },
    ])
    // The totals are the null-bucket rows, for the store and the attributed figures alike.
    expect(totals.store.map((r) => r.currency_code)).toEqual(["try", "eur"])
    expect(totals.attributed).toEqual(totals.store)

    // One query, grouped in the store's zone by day.
    expect(calls).toHaveLength(1)
    expect(calls[0].bindings).toEqual(expect.arrayContaining(["day", "Europe/Istanbul", "2026-03-01T21:00:00.000Z", "2026-03-04T21:00:00.000Z"]))
  })

  it("groups a range beyond 90 days by ISO week", async () => {
    const rows = [
      { currency_code: "usd", bucket: null, orders: 1, revenue: "10" },
      { currency_code: "usd", bucket: "2026-01-05", orders: 1, revenue: "10" },
    ]
    const { pg, calls } = fakePg(rows)
    const { series } = await loadRevenueSeries(pg, range("2025-12-31T21:00:00Z", "2026-04-02T21:00:00Z"), "Europe/Istanbul")
    expect(series.bucket).toBe("week")
    expect(calls[0].bindings).toContain("week")
    const [usd] = series.currencies
    expect(usd.buckets).toHaveLength(14)
    expect(usd.buckets.filter((b) => b.store_orders > 0)).toEqual([{ start: "2026-01-05", ...zeros, store_orders: 1, store_revenue: 10 }])
  })

  it("has no currencies when the range has no orders", async () => {
    const { pg } = fakePg([])
    const { series, totals } = await loadRevenueSeries(pg, { from: new Date(Date.UTC(2026, 2, 1)), to: new Date(Date.UTC(2026, 2, 1) + 7 * DAY) }, "UTC")
    expect(series).toEqual({ bucket: "day", currencies: [] })
    expect(totals.store).toEqual([])
  })
})
