import { bucketStart, bucketStarts, BURST_WINDOW_SECONDS, classifyScore, computeNps, detectScanner, MIN_HUMAN_CLICK_SECONDS, summarize, trendBucket, trimClicks, weekStart } from "../scoring"

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000).toISOString()

describe("classifyScore", () => {
  it("puts 0–6 in detractors, 7–8 in passives and 9–10 in promoters", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(classifyScore)).toEqual([
      ...Array(7).fill("detractor"),
      "passive",
      "passive",
      "promoter",
      "promoter",
    ])
  })

  it.each([-1, 11, 7.5, Number.NaN])("refuses %p", (score) => {
    expect(() => classifyScore(score)).toThrow(RangeError)
  })
})

describe("computeNps", () => {
  it("is % promoters minus % detractors, passives in the denominator", () => {
    expect(computeNps({ promoters: 5, passives: 3, detractors: 2 })).toBe(30)
    expect(computeNps({ promoters: 0, passives: 0, detractors: 4 })).toBe(-100)
    expect(computeNps({ promoters: 1, passives: 1, detractors: 1 })).toBe(0)
    expect(computeNps({ promoters: 2, passives: 1, detractors: 0 })).toBe(66.7)
  })

  it("is null without responses", () => {
    expect(computeNps({ promoters: 0, passives: 0, detractors: 0 })).toBeNull()
  })
})

describe("detectScanner", () => {
  const sent = new Date("2030-01-01T10:00:00Z")

  it("accepts a single click long after the send", () => {
    expect(detectScanner({ sentAt: sent, clicks: [{ score: 8, at: at(sent, 3600) }] })).toEqual({ scanner: false })
  })

  it("flags a click faster than a person could read the email", () => {
    expect(detectScanner({ sentAt: sent, clicks: [{ score: 8, at: at(sent, MIN_HUMAN_CLICK_SECONDS - 1) }] })).toEqual({
      scanner: true,
      reason: "too_fast",
    })
  })

  it("flags several different scores within seconds (every link followed)", () => {
    const clicks = [0, 1, 2].map((score, i) => ({ score, at: at(sent, 3600 + i) }))
    expect(detectScanner({ sentAt: sent, clicks })).toEqual({ scanner: true, reason: "burst" })
  })

  it("lets a person change their mind once, and again after the window", () => {
    const two = [
      { score: 9, at: at(sent, 3600) },
      { score: 7, at: at(sent, 3602) },
    ]
    expect(detectScanner({ sentAt: sent, clicks: two })).toEqual({ scanner: false })
    const later = [...two, { score: 5, at: at(sent, 3602 + BURST_WINDOW_SECONDS + 1) }]
    expect(detectScanner({ sentAt: sent, clicks: later })).toEqual({ scanner: false })
  })

  it("does not count the same score clicked twice as a burst", () => {
    const clicks = [8, 8, 8, 8].map((score, i) => ({ score, at: at(sent, 3600 + i) }))
    expect(detectScanner({ sentAt: sent, clicks })).toEqual({ scanner: false })
  })
})

describe("trimClicks", () => {
  it("drops clicks that can no longer take part in a burst", () => {
    const now = new Date("2030-01-01T10:10:00Z")
    const clicks = [
      { score: 1, at: at(now, -3600) },
      { score: 2, at: at(now, -1) },
    ]
    expect(trimClicks(clicks, now)).toEqual([clicks[1]])
  })
})

describe("summarize (the JavaScript dashboard)", () => {
  it("computes NPS, distribution and a trend from the first answer to now, every bucket present", () => {
    const now = new Date("2030-03-31T12:00:00Z")
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86400_000)
    const rows = [
      { score: 10, confirmed_at: daysAgo(1) },
      { score: 3, confirmed_at: daysAgo(2) },
      { score: 8, confirmed_at: daysAgo(40) },
      { score: 9, confirmed_at: daysAgo(200) },
    ]
    const s = summarize(rows, now)
    expect(s).toMatchObject({ nps: 25, responses: 4 })
    expect(s.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1])
    // 200 days: weekly, from the week of the first answer (Mon 2029-09-10) to this week.
    expect(s.trend.bucket).toBe("week")
    expect(s.trend.points[0]).toEqual({ start: "2029-09-10", nps: 100, responses: 1 })
    expect(s.trend.points.at(-1)).toEqual({ start: "2030-03-25", nps: 0, responses: 2 })
    expect(s.trend.points).toHaveLength(29)
    expect(s.trend.points.filter((p) => p.responses === 0).every((p) => p.nps === null)).toBe(true)
    expect(summarize([], now)).toMatchObject({ nps: null, responses: 0, trend: { points: [] } })
  })

  it("starts weeks on Monday (like Postgres date_trunc)", () => {
    expect(weekStart(new Date("2030-03-31T12:00:00Z"))).toBe("2030-03-25")
    expect(weekStart(new Date("2030-03-25T00:00:00Z"))).toBe("2030-03-25")
  })
})

describe("trend buckets", () => {
  const at = (iso: string) => new Date(iso)
  it("are days up to a month, weeks up to two years, months beyond", () => {
    expect(trendBucket(at("2030-03-01"), at("2030-04-01"))).toBe("day")
    expect(trendBucket(at("2030-03-01"), at("2030-04-02"))).toBe("week")
    expect(trendBucket(at("2028-03-01"), at("2030-03-01"))).toBe("week")
    expect(trendBucket(at("2027-03-01"), at("2030-03-01"))).toBe("month")
  })

  it("list every start in [from, to), the end exclusive", () => {
    expect(bucketStarts(at("2030-03-30T10:00:00Z"), at("2030-04-02T00:00:00Z"), "day")).toEqual(["2030-03-30", "2030-03-31", "2030-04-01"])
    expect(bucketStarts(at("2030-03-27"), at("2030-04-08T00:00:01Z"), "week")).toEqual(["2030-03-25", "2030-04-01", "2030-04-08"])
    expect(bucketStarts(at("2029-12-31"), at("2030-03-01"), "month")).toEqual(["2029-12-01", "2030-01-01", "2030-02-01"])
    expect(bucketStart(at("2030-01-31T23:59:59Z"), "month")).toBe("2030-01-01")
    // A single moment is its own bucket.
    expect(bucketStarts(at("2030-03-30T10:00:00Z"), at("2030-03-30T10:00:00Z"), "day")).toEqual(["2030-03-30"])
  })
})
